//! `gcplay run FILE.py` / `gcplay trace FILE.py`: the core from the command line.

use gcplay::profile::Python;
use gcplay::replay::located;
use gcplay::{run, Options, DEFAULT_MAX_STEPS};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: gcplay (run | trace) FILE.py [--python 3.13|3.12] [--max-steps N] [--max-objects N]

  run    run the program: its output on stdout, errors on stderr, exit 1 on an uncaught error
  trace  print the run's trace as JSON lines (one event per line; see docs/engine-api.md)";

fn main() -> ExitCode {
    // the interpreter nests native calls; give it room whatever the platform's default
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(cli)
        .expect("start the interpreter thread")
        .join()
        .unwrap_or(ExitCode::from(70))
}

fn cli() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = Options { max_steps: DEFAULT_MAX_STEPS, ..Options::default() };
    let mut cmd = None;
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--python" => {
                i += 1;
                match args.get(i).and_then(|v| Python::parse(v)) {
                    Some(p) => opts.python = p,
                    None => return usage("--python takes 3.13 or 3.12"),
                }
            }
            "--max-objects" => {
                i += 1;
                match args.get(i).and_then(|v| v.parse().ok()) {
                    Some(n) => opts.max_objects = n,
                    None => return usage("--max-objects takes a whole number"),
                }
            }
            "--max-steps" => {
                i += 1;
                match args.get(i).and_then(|v| v.parse().ok()) {
                    Some(n) => opts.max_steps = n,
                    None => return usage("--max-steps takes a whole number"),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            a if cmd.is_none() && (a == "run" || a == "trace") => cmd = Some(a.to_string()),
            a if file.is_none() && cmd.is_some() => file = Some(a.to_string()),
            a => return usage(&format!("unexpected argument '{a}'")),
        }
        i += 1;
    }
    let (Some(cmd), Some(file)) = (cmd, file) else { return usage("a command and a file are needed") };
    let src = match std::fs::read(&file) {
        Ok(b) => match String::from_utf8(b) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("gcplay: {file} is not UTF-8 text");
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            eprintln!("gcplay: can't open file '{file}': {e}");
            return ExitCode::from(2);
        }
    };
    opts.filename = file;
    opts.trace = cmd == "trace";
    let out = run(&src, &opts);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if cmd == "trace" {
        for step in 0..out.trace.steps() {
            for ev in located(&out.trace, step) {
                let _ = serde_json::to_writer(&mut w, &ev);
                let _ = w.write_all(b"\n");
            }
        }
    } else {
        let _ = w.write_all(out.stdout.as_bytes());
    }
    let _ = w.flush();
    eprint!("{}", out.stderr);
    ExitCode::from(out.exit_code as u8)
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("gcplay: {msg}\n{USAGE}");
    ExitCode::from(2)
}
