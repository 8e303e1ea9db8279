//! The app's log file: `station-desk.log` in the log folder, rotated at 1 MB keeping five
//! files (`station-desk.log`, `station-desk.1.log` … `station-desk.4.log`). A small writer of
//! our own rather than a logging plugin: the shell logs a handful of events (start-up,
//! migrations, backups, recoveries, command errors, panics) and needs nothing more.
//!
//! No personal data goes in: callers log codes, counts, file names and versions, never a
//! resident's name or phone (command errors from bad input are logged by code only).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub const FILE_NAME: &str = "station-desk.log";
const MAX_BYTES: u64 = 1024 * 1024;
const KEEP: usize = 5;

struct Log {
    dir: PathBuf,
    file: File,
    size: u64,
}

static LOG: OnceLock<Mutex<Log>> = OnceLock::new();

/// Where the logs go: `<data dir>/logs` when the data folder was chosen (`--data-dir` or
/// STATION_DESK_DATA_DIR, as tests and portable installs do), else the OS log folder that
/// Tauri's `app_log_dir` names (Linux ~/.local/share/<id>/logs, Windows
/// %LOCALAPPDATA%\<id>\logs, macOS ~/Library/Logs/<id>).
pub fn log_dir(data_dir: &Path, default_data_dir: &Path, identifier: &str) -> PathBuf {
    if data_dir != default_data_dir {
        return data_dir.join("logs");
    }
    let os = if cfg!(target_os = "macos") {
        dirs::home_dir().map(|h| h.join("Library/Logs").join(identifier))
    } else {
        dirs::data_local_dir().map(|d| d.join(identifier).join("logs"))
    };
    os.unwrap_or_else(|| data_dir.join("logs"))
}

/// Opens the log; a log that cannot be opened is reported on stderr and the app runs on.
pub fn init(dir: &Path) {
    match open(dir) {
        Ok(log) => {
            let _ = LOG.set(Mutex::new(log));
            install_panic_hook();
        }
        Err(e) => eprintln!("cannot open the log in {}: {e}", dir.display()),
    }
}

fn open(dir: &Path) -> std::io::Result<Log> {
    std::fs::create_dir_all(dir)?;
    let file = OpenOptions::new().create(true).append(true).open(dir.join(FILE_NAME))?;
    let size = file.metadata()?.len();
    Ok(Log { dir: dir.to_path_buf(), file, size })
}

fn rotated(dir: &Path, n: usize) -> PathBuf {
    if n == 0 {
        dir.join(FILE_NAME)
    } else {
        dir.join(format!("station-desk.{n}.log"))
    }
}

impl Log {
    fn rotate(&mut self) -> std::io::Result<()> {
        let _ = std::fs::remove_file(rotated(&self.dir, KEEP - 1));
        for n in (0..KEEP - 1).rev() {
            let from = rotated(&self.dir, n);
            if from.exists() {
                std::fs::rename(&from, rotated(&self.dir, n + 1))?;
            }
        }
        *self = open(&self.dir)?;
        Ok(())
    }

    fn write_line(&mut self, line: &str) {
        if self.size + line.len() as u64 > MAX_BYTES && self.size > 0 {
            if let Err(e) = self.rotate() {
                eprintln!("cannot rotate the log: {e}");
            }
        }
        if self.file.write_all(line.as_bytes()).is_ok() {
            self.size += line.len() as u64;
        }
    }
}

pub fn write(level: &str, message: &str) {
    let Some(log) = LOG.get() else { return };
    let line =
        format!("{} {level:5} {}\n", chrono::Local::now().format("%Y-%m-%d %H:%M:%S%.3f %z"), message.trim_end());
    // A panic while the lock was held must not silence the log for good.
    log.lock().unwrap_or_else(|p| p.into_inner()).write_line(&line);
}

pub fn info(message: impl AsRef<str>) {
    write("INFO", message.as_ref());
}

pub fn warn(message: impl AsRef<str>) {
    write("WARN", message.as_ref());
}

pub fn error(message: impl AsRef<str>) {
    write("ERROR", message.as_ref());
}

/// A command's error: the code always; the message only for faults of the app or the
/// machine (database, disk, internal), because answers to bad input may quote what was typed.
pub fn command_error(err: &station_core::AppError) {
    use station_core::ErrorCode as C;
    match err.code {
        C::Internal | C::Database | C::Io | C::IntegrityFailed | C::MigrationFailed | C::Busy | C::Unsupported => {
            error(format!("command failed: {:?}: {}", err.code, err.message))
        }
        // a refused file (a limit, a broken workbook) says why: the message names the limit and
        // holds no personal data, and a hostile file is worth a line in the log
        C::Validation if err.field.as_deref() == Some("file") => warn(format!("file refused: {}", err.message)),
        code => info(format!("command refused: {code:?}")),
    }
}

/// Panics go to the log as well as to stderr (the default hook still runs).
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        error(format!("panic at {place}: {what}"));
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_rotates_keeping_five_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = open(dir.path()).unwrap();
        let line = format!("{}\n", "x".repeat(1023));
        for _ in 0..(MAX_BYTES as usize / 1024) * 7 + 10 {
            log.write_line(&line);
        }
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "station-desk.1.log",
                "station-desk.2.log",
                "station-desk.3.log",
                "station-desk.4.log",
                "station-desk.log"
            ]
        );
        for name in &names {
            let size = std::fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(size <= MAX_BYTES, "{name} is {size} bytes");
        }
    }

    #[test]
    fn a_chosen_data_folder_keeps_its_logs_inside() {
        let chosen = Path::new("/tmp/station-test");
        assert_eq!(log_dir(chosen, Path::new("/home/a/.local/share/x"), "x"), chosen.join("logs"));
        let default = Path::new("/home/a/.local/share/x");
        assert!(log_dir(default, default, "x").ends_with("x/logs") || cfg!(target_os = "macos"));
    }
}
