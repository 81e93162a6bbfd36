# Sourced by the benchmark scripts: a release build, a throwaway work directory removed on exit,
# and a fresh store in it (extra `init` flags as arguments) that an identity file unlocks.
# Private by default: credctl refuses a passphrase file others may read and an output directory
# others may write to.
umask 077
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/credctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "throwaway benchmark passphrase" > pass
"$bin" init --name "Bench Root" --passphrase-file pass --scrypt-log-n 14 "$@" >/dev/null
"$bin" ca add-identity --out id --passphrase-file pass >/dev/null

seconds() { # run a command, print its wall time in seconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo "($end - $start) / 1000000000" | bc -l
}
