fn main() -> std::process::ExitCode {
    credctl::cli::main()
}
