// The isolation hook of Tauri's isolation pattern (see index.html). It runs in a sandboxed
// iframe that the page's own scripts (and any compromised npm dependency in them) cannot
// reach, and sees every IPC message before it is encrypted for the Rust core.
//
// Authorisation stays in Rust: the capability files decide which window may call which
// command, and every staff command checks the session and role. Here we only refuse
// messages no code of ours can produce — a command name that is not a plain identifier
// (ours are `snake_case`; plugin ones `plugin:<name>|<command>`, such as Tauri's own
// `plugin:__TAURI_CHANNEL__|fetch`) or a payload that is not a plain object or bytes — so a
// malformed message never reaches the core. A refused message is not forwarded, so its
// promise in the page never settles; no legitimate call is refused.
;(function () {
  'use strict'
  var COMMAND = /^(plugin:[A-Za-z0-9_-]+\|)?[a-z_][A-Za-z0-9_-]{0,63}$/

  function isPlainObject(value) {
    if (value === null || typeof value !== 'object') return false
    var proto = Object.getPrototypeOf(value)
    return proto === Object.prototype || proto === null
  }

  window.__TAURI_ISOLATION_HOOK__ = function (message) {
    if (!isPlainObject(message) || typeof message.cmd !== 'string' || !COMMAND.test(message.cmd)) {
      throw new Error('StationDesk isolation: refused a malformed IPC message')
    }
    var payload = message.payload
    // Commands take named arguments (an object); binary bodies (ArrayBuffer/typed arrays) are
    // how Tauri sends raw requests, so they pass too. Anything else is malformed.
    // null and undefined are "no arguments" (`invoke(cmd, null)` is how a caller says so).
    if (
      payload !== undefined &&
      payload !== null &&
      !isPlainObject(payload) &&
      !(payload instanceof ArrayBuffer) &&
      !ArrayBuffer.isView(payload) &&
      !Array.isArray(payload)
    ) {
      throw new Error('StationDesk isolation: refused a malformed IPC payload')
    }
    return message
  }
})()
