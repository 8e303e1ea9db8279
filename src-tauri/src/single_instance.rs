//! One running app per data folder. The first launch on a folder takes an exclusive lock on
//! `<data dir>/station-desk.lock` (released by the OS when the process ends, even on a crash)
//! and listens on a localhost TCP port written to `<data dir>/station-desk.instance`. A later
//! launch on the same folder fails to take the lock, tells the first which window it wanted
//! (`desk` or `kiosk`) over that port, waits for the answer and exits 0; the first focuses
//! (or opens) that window. Launches on different folders never see each other, so tests and
//! parallel sessions run side by side.
//!
//! Keyed by folder rather than by app (which is what tauri-plugin-single-instance does: one
//! D-Bus name / mutex per app identifier) because two stations' data on one PC, and the
//! test suite, must run at once. TCP on 127.0.0.1 works the same on Linux, Windows and macOS
//! and has no socket-path length limit; the only message understood is a window name.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub const LOCK_FILE: &str = "station-desk.lock";

/// Set when the app starts closing: a launch arriving then is told "no" and takes the folder
/// once this process has gone, instead of being handed a window that is about to disappear.
pub static CLOSING: AtomicBool = AtomicBool::new(false);
pub const INSTANCE_FILE: &str = "station-desk.instance";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Desk,
    Kiosk,
}

impl Request {
    fn as_str(self) -> &'static str {
        match self {
            Request::Desk => "desk",
            Request::Kiosk => "kiosk",
        }
    }

    fn parse(s: &str) -> Option<Request> {
        match s.trim() {
            "desk" => Some(Request::Desk),
            "kiosk" => Some(Request::Kiosk),
            _ => None,
        }
    }
}

/// The first instance on a folder: holds the lock for as long as it lives.
pub struct Instance {
    _lock: File,
    listener: TcpListener,
}

pub enum Claim {
    First(Instance),
    /// Another instance had the folder and was asked to show the window.
    Forwarded,
}

/// Takes the folder, or hands `request` to the instance that has it. While an instance is
/// shutting down (it still holds the lock but no longer answers) this keeps trying both, so a
/// quick restart waits for the lock instead of failing.
pub fn claim(data_dir: &Path, request: Request) -> Result<Claim, String> {
    std::fs::create_dir_all(data_dir).map_err(|e| format!("无法创建数据目录 {}：{e}", data_dir.display()))?;
    let lock_path = data_dir.join(LOCK_FILE);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("无法打开 {}：{e}", lock_path.display()))?;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match lock.try_lock() {
            Ok(()) => return first(data_dir, lock),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(format!("无法锁定 {}：{e}", lock_path.display())),
        }
        match try_forward(&data_dir.join(INSTANCE_FILE), request) {
            Ok(()) => return Ok(Claim::Forwarded),
            Err(e) if Instant::now() > deadline => {
                return Err(format!("这个数据目录已由另一个正在运行的工作台使用，但无法联系到它（{e}）"))
            }
            Err(_) => {}
        }
        std::thread::sleep(Duration::from_millis(150));
    }
}

fn first(data_dir: &Path, lock: File) -> Result<Claim, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| format!("无法监听本机端口：{e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    // Written beside the lock, not into it: on Windows a locked file cannot be read.
    let note = format!("{port}\n{}\n", std::process::id());
    std::fs::write(data_dir.join(INSTANCE_FILE), note).map_err(|e| format!("无法写入实例文件：{e}"))?;
    Ok(Claim::First(Instance { _lock: lock, listener }))
}

fn try_forward(instance_file: &Path, request: Request) -> Result<(), String> {
    let note = std::fs::read_to_string(instance_file).map_err(|e| e.to_string())?;
    let port: u16 = note.lines().next().and_then(|l| l.trim().parse().ok()).ok_or("no port yet")?;
    let mut stream = TcpStream::connect_timeout(&(Ipv4Addr::LOCALHOST, port).into(), Duration::from_secs(2))
        .map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).map_err(|e| e.to_string())?;
    stream.write_all(format!("{}\n", request.as_str()).as_bytes()).map_err(|e| e.to_string())?;
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).map_err(|e| e.to_string())?;
    if answer.trim() == "ok" {
        Ok(())
    } else {
        Err(format!("unexpected answer {answer:?}"))
    }
}

impl Instance {
    /// Answers later launches on a thread of its own for the life of the process.
    /// `on_request` says whether the window could be shown; a refusal (the app is closing)
    /// makes the later launch keep trying, and take the folder once this process is gone.
    pub fn serve(self, on_request: impl Fn(Request) -> bool + Send + 'static) {
        std::thread::spawn(move || {
            let _lock = self._lock;
            for stream in self.listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let Some(request) = Request::parse(&line) else { continue };
                let shown = !CLOSING.load(Ordering::SeqCst) && on_request(request);
                let answer: &[u8] = if shown { b"ok\n" } else { b"no\n" };
                let _ = (&stream).write_all(answer);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_second_claim_on_one_folder_is_forwarded_and_other_folders_are_independent() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let Ok(Claim::First(first)) = claim(a.path(), Request::Desk) else { panic!("the first claim wins") };
        let (tx, rx) = mpsc::channel();
        first.serve(move |r| tx.send(r).is_ok());
        assert!(matches!(claim(a.path(), Request::Kiosk), Ok(Claim::Forwarded)));
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)).unwrap(), Request::Kiosk);
        assert!(matches!(claim(a.path(), Request::Desk), Ok(Claim::Forwarded)));
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)).unwrap(), Request::Desk);
        assert!(matches!(claim(b.path(), Request::Desk), Ok(Claim::First(_))), "another folder is its own");
    }

    #[test]
    fn the_lock_is_released_with_the_instance() {
        let a = tempfile::tempdir().unwrap();
        let first = claim(a.path(), Request::Desk).unwrap();
        drop(first);
        assert!(matches!(claim(a.path(), Request::Desk), Ok(Claim::First(_))));
    }
}
