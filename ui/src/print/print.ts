import { markRaw, nextTick, reactive, type Component } from 'vue'
import { call } from '../api/invoke'
import type { Paper } from '../api/bindings'

/**
 * Printing: a document component is rendered into the print root (PrintHost.vue, a child of
 * <body> that only shows in print), then either the system print dialog opens
 * (`printDocument`) or the desk's webview prints it into a PDF file chosen in a save dialog
 * (`exportPdf`, the Rust `print_pdf` command). The print stylesheet (print.css) hides the app
 * and lays the document out on A4.
 */
export interface PrintJob {
  /** the document: usually a component built on PrintDocument.vue */
  component: Component
  props?: Record<string, unknown>
  landscape?: boolean
  paper?: Paper
}

export const printState = reactive<{ job: PrintJob | null; busy: boolean }>({ job: null, busy: false })

// Work a document must finish before it is printed (PagedDocument's pagination).
const holds: Promise<unknown>[] = []

/** Makes the current print wait for `work` (called by a document while it mounts). */
export function holdPrint(work: Promise<unknown>): void {
  holds.push(work)
}

async function render(job: PrintJob): Promise<void> {
  printState.job = { ...job, component: markRaw(job.component) }
  await nextTick()
  while (holds.length) await Promise.all(holds.splice(0))
  // images and fonts in the document must be ready before the page is printed
  await document.fonts?.ready
  const images = Array.from(document.querySelectorAll<HTMLImageElement>('.print-root img'))
  await Promise.all(images.map((img) => (img.complete ? Promise.resolve() : img.decode().catch(() => undefined))))
}

function clear(): void {
  printState.job = null
  printState.busy = false
}

/**
 * Opens the system print dialog for the document: `window.print()`, or `open` (a document
 * laid out on fixed sheets asks the backend for a dialog with the PDF export's margins).
 */
export async function printDocument(job: PrintJob, open: () => unknown = () => window.print()): Promise<void> {
  printState.busy = true
  try {
    await render(job)
    await open()
  } finally {
    clear()
  }
}

/** Prints the document into a PDF file the person picks; its path, or null when cancelled. */
export async function exportPdf(job: PrintJob, defaultName: string): Promise<string | null> {
  printState.busy = true
  try {
    await render(job)
    return await call<string | null>('print_pdf', {
      input: { defaultName, landscape: job.landscape ?? false, paper: job.paper ?? 'a4' },
    })
  } finally {
    clear()
  }
}
