# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_credctl_global_optspecs
    string join \n store= json passphrase-file= identity= shares-from= share-identity= lock-timeout= ca-fingerprint= h/help V/version
end

function __fish_credctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_credctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_credctl_using_subcommand
    set -l cmd (__fish_credctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c credctl -n "__fish_credctl_needs_command" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_needs_command" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_needs_command" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_needs_command" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_needs_command" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_needs_command" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_needs_command" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_needs_command" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_needs_command" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_needs_command" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "init" -d 'Create a new CA store: a self-signed root (and optional intermediate), key sealed with age; or around an existing CA (--import-ca, --import-key)'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "import" -d 'Create a store from what already exists: an easy-rsa PKI'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "ca" -d 'Inspect and export the CA, enrol automation identities'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "audit" -d 'Read and check the tamper-evident audit log and the CA-signed store state'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "cert" -d 'Issue, sign, renew, revoke, list, show and verify certificates'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "crl" -d 'Write a CRL signed by the issuing CA (PEM), with the next CRL number'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "hub" -d 'Set up the hub and render its nats-server configuration'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "dev" -d 'Developers: certificate + password bundle, user on the hub'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "edge" -d 'Edges (leaf nodes): certificate, leafnode credentials, edge config'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "nats" -d 'NATS decentralized auth: operator, accounts, users (nkeys + JWTs), resolver config'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "rotate" -d 'Scheduled rotation for CI: new passwords for hub members past an age'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "status" -d 'The checklist: expiring certificates, CRL, old passwords, NATS JWTs, weak settings, stale hub directories, the audit chain; exit 1 when something needs action'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "token" -d 'Service tokens (seed 003): signing keys, mint, verify, the JWK Set'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "apikey" -d 'API keys (seed 004): printed once, only their Argon2id hash kept'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "passwd" -d 'Hash a password for another system (read from a terminal or stdin; no store needed)'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "request" -d 'On the device: make a key that never leaves it and a CSR to carry to the offline CA'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "bundle" -d 'On the device: check a bundle from `cert sign` and install it with the waiting key'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "export" -d 'After a ceremony: everything the online side needs (CA chain, CRLs, every hub\'s rendered directory, public NATS JWTs) in a new directory, with a manifest signed by the CA'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "verify-online" -d 'On the online side: check a hand-off directory (manifest signature, CA, every file) before using it; exit 1 if anything differs (no store needed)'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "backup" -d 'Write the whole store to one file, sealed to the store key: whatever unlocks the store opens it (no unlock needed to write it)'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "restore" -d 'Recreate a store from a backup at --store (which must not exist), unlocked as the store was, checked against its CA-signed state before it appears'
complete -c credctl -n "__fish_credctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand init" -l name -d 'Common name of the root CA' -r
complete -c credctl -n "__fish_credctl_using_subcommand init" -l import-ca -d 'Adopt an existing CA: its certificate (PEM; an intermediate with its root after it)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l import-key -d 'The adopted CA\'s private key (PEM: PKCS#8, encrypted PKCS#8, SEC1 or PKCS#1); sealed in the store, the file is left for you to destroy' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l import-key-passphrase-file -d 'File holding the passphrase of an encrypted --import-key (first line; 0600)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l key-type -d 'Key type of the CA keys' -r -f -a "ecdsa-p256\t''
ecdsa-p384\t''
ed25519\t''
rsa-3072\t'RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)'"
complete -c credctl -n "__fish_credctl_using_subcommand init" -l days -d 'Validity of the root in days' -r
complete -c credctl -n "__fish_credctl_using_subcommand init" -l intermediate-days -d 'Validity of the intermediate in days (never beyond the root)' -r
complete -c credctl -n "__fish_credctl_using_subcommand init" -l scrypt-log-n -d 'scrypt work factor (log2 N) protecting the passphrase wrap; pinned so a slow laptop can unlock' -r
complete -c credctl -n "__fish_credctl_using_subcommand init" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand init" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand init" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand init" -l dry-run -d 'With --import-ca: check the CA and its key and say what the store would hold; create nothing'
complete -c credctl -n "__fish_credctl_using_subcommand init" -l intermediate -d 'Keep the root offline: it signs an intermediate, and the intermediate issues'
complete -c credctl -n "__fish_credctl_using_subcommand init" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand init" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -f -a "easy-rsa" -d 'A new store from an easy-rsa 3 PKI: its CA, every unexpired certificate of index.txt (keys stay with their holders), its revocations and CRL numbering'
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -f -a "nsc" -d 'An nsc operator into this store: its JWTs as they are, the seeds of its keystore sealed'
complete -c credctl -n "__fish_credctl_using_subcommand import; and not __fish_seen_subcommand_from easy-rsa nsc help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l import-key-passphrase-file -d 'File holding the passphrase of an encrypted --import-key (first line; 0600)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l scrypt-log-n -d 'scrypt work factor (log2 N) protecting the passphrase wrap' -r
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l dry-run -d 'List what would come in and what would be left out, and why; create nothing'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from easy-rsa" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l keys -d 'nsc\'s keystore (default: $NKEYS_PATH, else ~/.local/share/nats/nsc/keys)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l dry-run -d 'List what would come in and what is missing; change nothing'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from nsc" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "easy-rsa" -d 'A new store from an easy-rsa 3 PKI: its CA, every unexpired certificate of index.txt (keys stay with their holders), its revocations and CRL numbering'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "nsc" -d 'An nsc operator into this store: its JWTs as they are, the seeds of its keystore sealed'
complete -c credctl -n "__fish_credctl_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "show" -d 'Subject, SHA-256 fingerprint, validity and key type of the CA, its settings and when the next CRL is due (no unlock)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "profiles" -d 'Install a profiles.toml (same shape as templates/profiles.toml): its profiles replace or add to the built-in ones for every certificate issued from now on'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "settings" -d 'The CRL lifetime and the URLs every certificate issued from now on carries (CRL Distribution Points, Authority Information Access); no flag: show them'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "export" -d 'Write the public CA chain (issuing CA first) as PEM'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "add-identity" -d 'Let an age X25519 identity unlock the store (for automation; skips scrypt)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "renew" -d 'Roll the CA over to new keys before it expires: a new root cross-certified both ways with the old one (clients trusting either keep working; hubs trust both), or a new intermediate; --finish ends the overlap'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "custodians" -d 'List the ways the store can be unlocked: passphrase, identities, share set (no unlock)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "remove-custodian" -d 'Stop a custodian unlocking the store: its wrap is deleted and the store key rotated, so a copy of the old wrap (or old shares) opens nothing current'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "split" -d 'Split what unlocks the store M-of-N: one printable share file per custodian; any M unlock it (`--shares-from`), fewer reveal nothing. Replaces any earlier split and rotates the store key'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "passwd" -d 'Change the passphrase, or set one again after it was removed (unlock with the current one, an identity or shares)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and not __fish_seen_subcommand_from show profiles settings export add-identity renew custodians remove-custodian split passwd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l set -d 'The profiles file' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from profiles" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l crl-days -d 'Days a CRL is valid (`crl`, and the CRLs `dev remove`/`edge remove` issue)' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l crl-url -d 'Where verifiers fetch the CRL (http://...; repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l ca-issuers-url -d 'Where verifiers fetch the issuing CA\'s certificate (http://...; repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l no-crl-url -d 'Remove the CRL URLs'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l no-ca-issuers-url -d 'Remove the CA issuers URLs'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from settings" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l out -d 'Output file' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l out -d 'Generate a new identity and write it to FILE (0600, never overwritten)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l recipient -d 'Enrol an existing identity by its public recipient (age1...)' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from add-identity" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l days -d 'Validity of a new root in days' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l intermediate-days -d 'Validity of a new intermediate in days' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l root -d 'A new root (and, with one, a new intermediate), cross-certified with the current root'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l intermediate -d 'A new intermediate under the current root'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l finish -d 'End the overlap: the previous CA is no longer trusted or presented (refused while current certificates were issued by it, unless --force)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l new-key -d 'New keys (always: a rollover never reuses a CA key; accepted for scripts that say so)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l force -d 'With --finish: end it although current certificates were issued by the previous CA'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from renew" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from custodians" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from remove-custodian" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l shares -d 'How many shares (custodians), at most 255' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l threshold -d 'How many shares unlock the store (2..=N)' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l to -d 'Encrypt share i to the i-th age recipient (give it N times, in custodian order)' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l out -d 'Directory for the share files (share-I-of-N.txt, or .txt.age with --to); none may exist' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from split" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l new-passphrase-file -d 'Read the new passphrase from FILE instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l scrypt-log-n -d 'scrypt work factor (log2 N) for the new wrap' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from passwd" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "show" -d 'Subject, SHA-256 fingerprint, validity and key type of the CA, its settings and when the next CRL is due (no unlock)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "profiles" -d 'Install a profiles.toml (same shape as templates/profiles.toml): its profiles replace or add to the built-in ones for every certificate issued from now on'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "settings" -d 'The CRL lifetime and the URLs every certificate issued from now on carries (CRL Distribution Points, Authority Information Access); no flag: show them'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the public CA chain (issuing CA first) as PEM'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "add-identity" -d 'Let an age X25519 identity unlock the store (for automation; skips scrypt)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "renew" -d 'Roll the CA over to new keys before it expires: a new root cross-certified both ways with the old one (clients trusting either keep working; hubs trust both), or a new intermediate; --finish ends the overlap'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "custodians" -d 'List the ways the store can be unlocked: passphrase, identities, share set (no unlock)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "remove-custodian" -d 'Stop a custodian unlocking the store: its wrap is deleted and the store key rotated, so a copy of the old wrap (or old shares) opens nothing current'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "split" -d 'Split what unlocks the store M-of-N: one printable share file per custodian; any M unlock it (`--shares-from`), fewer reveal nothing. Replaces any earlier split and rotates the store key'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Change the passphrase, or set one again after it was removed (unlock with the current one, an identity or shares)'
complete -c credctl -n "__fish_credctl_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -f -a "log" -d 'Print every entry: time, actor, action, subject'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -f -a "verify" -d 'Check the hash chain, every store file against the CA-signed state, and its signature; exit 1 if anything was changed outside credctl'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -f -a "sign" -d 'Sign the state of a store made by a credctl that did not sign it (once, after checking it)'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -f -a "export" -d 'Print the ceremony transcript: every entry from --since with time, actor, what changed and fingerprints, ending at the head the CA signed (text for printing and signing by hand, JSON for `audit verify-export`)'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -f -a "verify-export" -d 'Check a JSON transcript on its own (no store): entry hashes and links, the CA\'s signature over its head, and with --ca that it is your CA\'s; exit 1 if anything differs'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and not __fish_seen_subcommand_from log verify sign export verify-export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l ca -d 'Check the store\'s CA and its signed state against this CA chain (a ca.crt kept apart from the store) instead of the store\'s own CA certificate' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'The first entry to include (the log starts at 1)' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'text: for printing and signing by hand; json: to check with `audit verify-export`' -r -f -a "text\t''
json\t''"
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l ca -d 'The CA chain you keep apart from the store (ca.crt): the transcript must be signed under it' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from verify-export" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "log" -d 'Print every entry: time, actor, action, subject'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the hash chain, every store file against the CA-signed state, and its signature; exit 1 if anything was changed outside credctl'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign the state of a store made by a credctl that did not sign it (once, after checking it)'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print the ceremony transcript: every entry from --since with time, actor, what changed and fingerprints, ending at the head the CA signed (text for printing and signing by hand, JSON for `audit verify-export`)'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify-export" -d 'Check a JSON transcript on its own (no store): entry hashes and links, the CA\'s signature over its head, and with --ca that it is your CA\'s; exit 1 if anything differs'
complete -c credctl -n "__fish_credctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "issue" -d 'Generate a key and issue a certificate: DIR/NAME.crt, DIR/NAME.key (0600), DIR/ca.crt'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "sign" -d 'Sign a CSR made elsewhere (the private key never leaves its device)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "export" -d 'Write NAME\'s current certificate, its chain and the holder\'s key as a PKCS#12 file (the store never holds leaf keys: --key gives it)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "renew" -d 'Issue a fresh certificate for NAME with the same profile and names; the old one is superseded'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "revoke" -d 'Revoke certificates by name or serial'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "list" -d 'List issued certificates'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "show" -d 'Show one certificate by name or serial'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "verify" -d 'Check a certificate: chain to this CA, validity window, revocation; exit 1 when bad'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and not __fish_seen_subcommand_from issue sign export renew revoke list show verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l from -d 'Issue one certificate per line of FILE (blank lines and # comments skipped), one unlock' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l profile -d 'Profile: dev, edge, node, hub, or one the store defines' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l dns -d 'DNS name (repeatable; profiles edge and hub)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ip -d 'IP address (repeatable; profiles edge and hub)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l email -d 'Email address (profile dev)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l days -d 'Validity in days' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l hours -d 'Validity in hours' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l key-type -d 'Key type of the new key (default: the profile\'s; ecdsa-p256 unless profiles.toml says)' -r -f -a "ecdsa-p256\t''
ecdsa-p384\t''
ed25519\t''
rsa-3072\t'RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)'"
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l subject -d 'A subject attribute, C, ST, L or O (repeatable), e.g. --subject "O=Example Ltd"; only those the profile\'s subject_settable names (profiles.toml); a renewal keeps them' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l bind-mac -d 'Bind a node certificate to a device MAC (profile node)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l p12-passphrase-file -d 'File holding the PKCS#12 passphrase (first line; 0600)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l out -d 'Output directory (created 0700 if missing)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l force -d 'Replace an active certificate of the same name (the old one is superseded, not revoked)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l p12 -d 'Also write NAME.p12 (key, certificate and chain; AES-256 + PBKDF2-SHA256, HMAC-SHA256), its passphrase from --p12-passphrase-file, $CREDCTL_P12_PASSPHRASE or a terminal'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from issue" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l profile -d 'Profile: dev, edge, node, hub, or one the store defines' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l name -d 'Certificate name (default: the CSR\'s common name)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l dns -d 'DNS name (repeatable; profiles edge and hub)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l ip -d 'IP address (repeatable; profiles edge and hub)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l email -d 'Email address (profile dev)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l days -d 'Validity in days' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l hours -d 'Validity in hours' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l subject -d 'A subject attribute, C, ST, L or O (repeatable), e.g. --subject "O=Example Ltd"; only those the profile\'s subject_settable names (profiles.toml); a renewal keeps them' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l out -d 'Output certificate file (never overwritten)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l force -d 'Replace an active certificate of the same name'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l format -d 'Output format' -r -f -a "p12\t'PKCS#12: AES-256 + PBKDF2-SHA256, HMAC-SHA256'"
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l key -d 'The certificate\'s private key (PEM, not encrypted)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l p12-passphrase-file -d 'File holding the PKCS#12 passphrase (first line; 0600); else $CREDCTL_P12_PASSPHRASE or a terminal' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l out -d 'Output file (0600, never overwritten)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l days -d 'Validity in days' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l hours -d 'Validity in hours' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l key-type -d 'Key type of the new key (default: the old certificate\'s)' -r -f -a "ecdsa-p256\t''
ecdsa-p384\t''
ed25519\t''
rsa-3072\t'RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)'"
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l p12-passphrase-file -d 'File holding the PKCS#12 passphrase (first line; 0600)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l out -d 'Output directory: NAME.crt, NAME.key, ca.crt; for a hub edge also NAME.conf (0600: its config with a new leafnode password)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l reuse-key -d 'Keep the old public key (for certificates signed from a CSR: only NAME.crt is written)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l revoke-old -d 'Also revoke the old certificate (reason superseded) instead of letting it run out'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l p12 -d 'Also write NAME.p12 (key, certificate and chain; AES-256 + PBKDF2-SHA256, HMAC-SHA256), its passphrase from --p12-passphrase-file, $CREDCTL_P12_PASSPHRASE or a terminal'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from renew" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l reason -d 'Reason recorded in the CRL' -r -f -a "unspecified\t''
key-compromise\t''
ca-compromise\t''
affiliation-changed\t''
superseded\t''
cessation-of-operation\t''
privilege-withdrawn\t''"
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l expiring-within -d 'Only active certificates that expire within DURATION (e.g. 30d)' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l profile -d 'Only certificates of this profile' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l revoked -d 'Only revoked certificates'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "issue" -d 'Generate a key and issue a certificate: DIR/NAME.crt, DIR/NAME.key (0600), DIR/ca.crt'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign a CSR made elsewhere (the private key never leaves its device)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write NAME\'s current certificate, its chain and the holder\'s key as a PKCS#12 file (the store never holds leaf keys: --key gives it)'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "renew" -d 'Issue a fresh certificate for NAME with the same profile and names; the old one is superseded'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke certificates by name or serial'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "list" -d 'List issued certificates'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one certificate by name or serial'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a certificate: chain to this CA, validity window, revocation; exit 1 when bad'
complete -c credctl -n "__fish_credctl_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l days -d 'Days until the CRL\'s nextUpdate (default: the store\'s, `ca settings --crl-days`, else 7)' -r
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l out -d 'Output file (PEM; replaced if it exists)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l root-out -d 'With an intermediate: also write the root\'s CRL over the intermediate to FILE, so verifiers that check every CA of the chain (openssl -crl_check_all) find one' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand crl" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand crl" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand crl" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -f -a "init" -d 'Issue a hub\'s certificate, generate its secrets, render its config (--cluster-of: join a cluster)'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -f -a "render" -d 'Render DIR/hub.conf and its include files from the store (no password is re-hashed)'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -f -a "account-limits" -d 'Set an account\'s limits on every hub (no flag: remove them) and re-render'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -f -a "import" -d 'Take over the users of a hand-written nats-server config (authorization or accounts blocks): each with its developer certificate, bcrypt hash and permissions; re-render'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -f -a "reload" -d 'Signal the hub\'s running nats-server to reload (pid_file in the deploy directory) and, with a loopback --monitor-port, check that it did: exit 1 "restart needed" when not'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -f -a "jetstream-key" -d 'Hand the hub\'s sealed JetStream key back out (0600), e.g. for a backup'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and not __fish_seen_subcommand_from init render account-limits import reload jetstream-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l key-type -d 'Key type of the new key (default: the profile\'s; ecdsa-p256 unless profiles.toml says)' -r -f -a "ecdsa-p256\t''
ecdsa-p384\t''
ed25519\t''
rsa-3072\t'RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)'"
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l name -d 'Hub server name (also the name of its certificate)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l dns -d 'DNS name of the hub (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l subject -d 'A subject attribute, C, ST, L or O (repeatable), e.g. --subject "O=Example Ltd"; only those the profile\'s subject_settable names (profiles.toml); a renewal keeps them' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l ip -d 'IP address of the hub (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l tls-mode -d 'How clients authenticate (a hub joining a cluster takes the cluster\'s)' -r -f -a "password\t'mTLS: the certificate selects the user, whose bcrypt password is then checked'
verify-and-map\t'mTLS; the certificate\'s subject DN is the user'
pinned\t'verify-and-map plus an allow-list of the SPKI of every active certificate'"
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l listen -d 'Address the hub listens on' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l port -d 'Client port' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l leaf-port -d 'Leafnode port for edges' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l cluster-port -d 'Cluster port (enables clustering: TLS routes to every hub of the store\'s cluster, with a route password credctl generates and keeps sealed)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l cluster-of -d 'Add this hub to the cluster of an existing hub of the store (taking its TLS mode and JetStream setting)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l deploy-dir -d 'Where the rendered files will live on the hub host (default: the absolute --out path)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l monitor-port -d 'Serve nats-server\'s monitoring endpoint on this port (/varz, /connz, ...)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l monitor-host -d 'Address of the monitoring endpoint: plain HTTP on loopback, HTTPS (the hub\'s TLS) elsewhere' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l out -d 'Output directory: config, hub certificate and key, one-time secrets' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l jetstream -d 'Enable JetStream with encryption at rest (key generated once, written to DIR/jetstream.env; a hub joining a cluster takes the cluster\'s setting)'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l out -d 'Output directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l hub -d 'The hub to render (required when the store has several)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l templates -d 'Directory with template overrides (hub.conf.j2, auth.conf.j2, ...)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l record -d 'Make DIR the hub directory that `dev add/remove` and `edge add/remove` re-render (after moving or copying the store, or to adopt a new location)'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from render" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l max-connections -d 'Most client connections the account may have at once' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l max-subscriptions -d 'Most subscriptions the account may hold' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l max-payload -d 'Largest message payload in bytes' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l max-leafnodes -d 'Most leaf node connections' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from account-limits" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l from -d 'The configuration file holding the users' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l account -d 'The account of `authorization { users }` (which nats-server puts in its global account)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l dry-run -d 'List what would come in and what would be left out, and why; change nothing'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l hub -d 'The hub (required when the store has several)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from reload" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l hub -d 'The hub (required when the store has several)' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l out -d 'Output file, NATS_JETSTREAM_KEY=... (0600, never overwritten)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from jetstream-key" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "init" -d 'Issue a hub\'s certificate, generate its secrets, render its config (--cluster-of: join a cluster)'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "render" -d 'Render DIR/hub.conf and its include files from the store (no password is re-hashed)'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "account-limits" -d 'Set an account\'s limits on every hub (no flag: remove them) and re-render'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "import" -d 'Take over the users of a hand-written nats-server config (authorization or accounts blocks): each with its developer certificate, bcrypt hash and permissions; re-render'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Signal the hub\'s running nats-server to reload (pid_file in the deploy directory) and, with a loopback --monitor-port, check that it did: exit 1 "restart needed" when not'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "jetstream-key" -d 'Hand the hub\'s sealed JetStream key back out (0600), e.g. for a backup'
complete -c credctl -n "__fish_credctl_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Issue the dev\'s certificate and password, add the user, re-render the hub config'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Revoke the dev\'s certificate, drop the user, issue a new CRL, re-render'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List developers'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l key-type -d 'Key type of the new key (default: the profile\'s; ecdsa-p256 unless profiles.toml says)' -r -f -a "ecdsa-p256\t''
ecdsa-p384\t''
ed25519\t''
rsa-3072\t'RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)'"
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l from -d 'CSV roster: name[,email[,account]] a line; one unlock, passwords hashed on all cores' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l email -d 'Email address (added to the certificate)' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l subject -d 'A subject attribute, C, ST, L or O (repeatable), e.g. --subject "O=Example Ltd"; only those the profile\'s subject_settable names (profiles.toml); a renewal keeps them' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l account -d 'Account the developer belongs to' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l allow-pub -d 'Subject the user may publish to (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l allow-sub -d 'Subject the user may subscribe to (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l deny-pub -d 'Subject the user may not publish to (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l deny-sub -d 'Subject the user may not subscribe to (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l connection-type -d 'Connection types allowed (STANDARD, WEBSOCKET, LEAFNODE, MQTT; repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l days -d 'Validity in days' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l hours -d 'Validity in hours' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l recipient -d 'The developer\'s age recipient (age1...): passwords handed out for them (now and by `rotate passwords`) are also age-encrypted to it (roster: a fourth column)' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l p12-passphrase-file -d 'File holding the PKCS#12 passphrase (first line; 0600)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l out -d 'Output directory for the bundle' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l replace-bundle -d 'Replace an old bundle of the same name in DIR (e.g. of a developer removed earlier)'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l service -d 'A service user (an application\'s): its password is handed out as NAME.env (NATS_USER=..., NATS_PASSWORD=...) for its deployment; `rotate passwords --kind service`'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l p12 -d 'Also write NAME.p12 (key, certificate and chain; AES-256 + PBKDF2-SHA256, HMAC-SHA256), its passphrase from --p12-passphrase-file, $CREDCTL_P12_PASSPHRASE or a terminal'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l reason -d 'Reason recorded in the CRL' -r -f -a "unspecified\t''
key-compromise\t''
ca-compromise\t''
affiliation-changed\t''
superseded\t''
cessation-of-operation\t''
privilege-withdrawn\t''"
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from help" -f -a "add" -d 'Issue the dev\'s certificate and password, add the user, re-render the hub config'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Revoke the dev\'s certificate, drop the user, issue a new CRL, re-render'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from help" -f -a "list" -d 'List developers'
complete -c credctl -n "__fish_credctl_using_subcommand dev; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -f -a "add" -d 'Issue the edge\'s certificate and leafnode password; write its own nats-server config'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -f -a "remove" -d 'Revoke the edge\'s certificate, drop its leafnode user, issue a new CRL, re-render'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and not __fish_seen_subcommand_from add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l key-type -d 'Key type of the new key (default: the profile\'s; ecdsa-p256 unless profiles.toml says)' -r -f -a "ecdsa-p256\t''
ecdsa-p384\t''
ed25519\t''
rsa-3072\t'RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)'"
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l hub-url -d 'The hub\'s leafnode URL, e.g. tls://hub.example.com:7422' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l account -d 'Account the edge\'s traffic belongs to on the hub' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l dns -d 'DNS name of the edge (for its local server role; repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l subject -d 'A subject attribute, C, ST, L or O (repeatable), e.g. --subject "O=Example Ltd"; only those the profile\'s subject_settable names (profiles.toml); a renewal keeps them' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l listen -d 'Address the edge\'s own server listens on for local clients' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l deploy-dir -d 'Where the edge\'s files will live on the edge host (default: the absolute --out path)' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l p12-passphrase-file -d 'File holding the PKCS#12 passphrase (first line; 0600)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l out -d 'Output directory: NAME.crt, NAME.key, ca.crt, NAME.conf (0600, holds the password)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l force -d 'Write the config even though no hub certificate names the --hub-url host'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l p12 -d 'Also write NAME.p12 (key, certificate and chain; AES-256 + PBKDF2-SHA256, HMAC-SHA256), its passphrase from --p12-passphrase-file, $CREDCTL_P12_PASSPHRASE or a terminal'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l reason -d 'Reason recorded in the CRL' -r -f -a "unspecified\t''
key-compromise\t''
ca-compromise\t''
affiliation-changed\t''
superseded\t''
cessation-of-operation\t''
privilege-withdrawn\t''"
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from help" -f -a "add" -d 'Issue the edge\'s certificate and leafnode password; write its own nats-server config'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Revoke the edge\'s certificate, drop its leafnode user, issue a new CRL, re-render'
complete -c credctl -n "__fish_credctl_using_subcommand edge; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "init" -d 'Create the operator, the system account and its user'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "operator" -d 'The operator: its signing keys'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "account" -d 'Account management'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "user" -d 'User management'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "resolver" -d 'Write a nats-server resolver config: operator, system_account, resolver, account preloads'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "export" -d 'Export the operator JWT (DIR/operator.jwt) and every account JWT (DIR/NAME.jwt), public, for the servers and `nats push` on the online side'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "push" -d 'Publish account JWTs to a running cluster\'s resolver through the system account'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "describe" -d 'Print the decoded claims of the operator, an account, or a user (ACCOUNT/USER)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and not __fish_seen_subcommand_from init operator account user resolver export push describe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l operator -d 'Operator name' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l sys-creds -d 'Where to write the system user\'s credentials (0600, never overwritten)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l account-server-url -d 'The account server URL in the operator JWT (account_server_url)' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l service-url -d 'A NATS URL of the operator\'s servers in its JWT (operator_service_urls; repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -f -a "signing-key" -d 'Add an operator signing key: every account JWT is re-signed with it now and from now on, so the operator\'s own key is needed only to change the operator JWT'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from operator" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -f -a "add" -d 'Create an account signed by the operator'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -f -a "rotate-signing-key" -d 'Replace the account\'s signing key and re-sign every active user with the new one'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -f -a "revoke" -d 'Revoke a whole account for good: its JWT admits no connection and revokes every user'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -f -a "export" -d 'What the account offers other accounts (streams and services)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -f -a "import" -d 'What the account takes from other accounts\' exports'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -f -a "signing-key" -d 'Scoped signing keys: roles whose template fixes their users\' permissions and limits'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from account" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -f -a "add" -d 'Create a user and write its .creds file (JWT + seed, 0600)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -f -a "revoke" -d 'Revoke a user: the account JWT gets a revocation and is re-signed'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from user" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l out -d 'Output file (public data only)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l full -d 'A full resolver storing account JWTs in DIR on the server (updatable with `nats push`) instead of MEMORY' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from resolver" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l out -d 'Output directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l server -d 'Server URL, e.g. nats://127.0.0.1:4222 or tls://hub.example.com:4222' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l creds -d 'The system account user\'s .creds file' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l from -d 'Push the *.jwt files of DIR (from `nats export`) instead of reading the store' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l ca -d 'The CA certificate(s) that certified a TLS server (PEM); required for TLS: the system\'s roots are not consulted' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create the operator, the system account and its user'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "operator" -d 'The operator: its signing keys'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "account" -d 'Account management'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "user" -d 'User management'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "resolver" -d 'Write a nats-server resolver config: operator, system_account, resolver, account preloads'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export the operator JWT (DIR/operator.jwt) and every account JWT (DIR/NAME.jwt), public, for the servers and `nats push` on the online side'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "push" -d 'Publish account JWTs to a running cluster\'s resolver through the system account'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Print the decoded claims of the operator, an account, or a user (ACCOUNT/USER)'
complete -c credctl -n "__fish_credctl_using_subcommand nats; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -f -a "passwords" -d 'New random passwords (bcrypt cost 11) for members whose password is older than --older-than, every hub re-rendered; re-running an interrupted run finishes it'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -f -a "certs" -d 'Renew every certificate that expires within DURATION (new keys; hub certificates keep theirs and their directories are re-rendered)'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -f -a "nats-users" -d 'Re-issue NATS user JWTs that expire within DURATION: same permissions, same lifetime from now, new .creds in DIR/ACCOUNT/'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and not __fish_seen_subcommand_from passwords certs nats-users help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l older-than -d 'Only passwords set longer ago than DURATION (default: every selected member\'s)' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l kind -d 'Which passwords (repeatable; default all): dev (password mode), edge (leafnode), route (cluster), system, service (`dev add --service`)' -r -f -a "dev\t''
edge\t''
route\t'The route user of a cluster (sealed in the store; every clustered hub re-rendered)'
system\t''
service\t'Service users (`dev add --service`): a new NAME.env each'"
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l chunk-size -d 'Members per commit (a kill loses at most one chunk; re-running redoes it)' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l out -d 'Output directory: secret/ gets NAME.password and edge NAME.conf (0600, never publish); sealed/ gets NAME.password.age for developers with a recipient (safe to publish)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l dry-run -d 'Print what would be rotated; change nothing'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from passwords" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l expiring-within -d 'Renew certificates that expire within DURATION (e.g. 30d)' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l profile -d 'Only certificates of this profile (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l out -d 'Output directory for the renewed certificates and new keys (NAME.crt, NAME.key)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l reuse-key -d 'Renew for the old keys (CSR-only devices, whose keys never leave them): no key goes out'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l dry-run -d 'Print what would be renewed; change nothing'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from certs" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l expiring-within -d 'Re-issue user JWTs that expire within DURATION (e.g. 7d)' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l out -d 'Output directory: ACCOUNT/NAME.creds (0600)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l dry-run -d 'Print what would be re-issued; change nothing'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from nats-users" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "passwords" -d 'New random passwords (bcrypt cost 11) for members whose password is older than --older-than, every hub re-rendered; re-running an interrupted run finishes it'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "certs" -d 'Renew every certificate that expires within DURATION (new keys; hub certificates keep theirs and their directories are re-rendered)'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "nats-users" -d 'Re-issue NATS user JWTs that expire within DURATION: same permissions, same lifetime from now, new .creds in DIR/ACCOUNT/'
complete -c credctl -n "__fish_credctl_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand status" -l within -d 'Flag certificates and NATS user JWTs that expire within DURATION' -r
complete -c credctl -n "__fish_credctl_using_subcommand status" -l ca-within -d 'Flag CA certificates that expire within DURATION (a rollover needs lead time)' -r
complete -c credctl -n "__fish_credctl_using_subcommand status" -l password-max-age -d 'Flag passwords older than DURATION' -r
complete -c credctl -n "__fish_credctl_using_subcommand status" -l format -d 'Output format (--json is the same as --format json)' -r -f -a "text\t''
json\t''
prometheus\t'node_exporter\'s textfile collector format'"
complete -c credctl -n "__fish_credctl_using_subcommand status" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand status" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand status" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand status" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand status" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand status" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand status" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand status" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -f -a "key" -d 'Signing keys: add, rotate, retire, list'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -f -a "mint" -d 'Mint tokens of a kind with a key\'s current version (one per line on stdout, or --out)'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -f -a "verify" -d 'Check a token strictly (key by kid, its algorithm only, signature, exp/nbf/iat, audience, kind); exit 1 naming why it is refused'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -f -a "register" -d 'A one-time registration token for a node, signed with its tenant\'s Ed25519 key, with a fresh nonce (and with --mac, bound to the device); printed on stdout'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -f -a "redeem" -d 'The registrar\'s check: signature by the tenant\'s key, not expired, this tenant, the MAC when bound, and a nonce never redeemed before (then spent); exit 1 naming why not'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -f -a "jwks" -d 'The public keys (RS256, EdDSA; retired ones left out) as an RFC 7517 JWK Set'
complete -c credctl -n "__fish_credctl_using_subcommand token; and not __fish_seen_subcommand_from key mint verify register redeem jwks help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -f -a "add" -d 'A new signing key, sealed in the store (HS256: its secret handed out once with --out)'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -f -a "rotate" -d 'A new current version; the old one keeps verifying (and stays in the JWK Set) until retired'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -f -a "retire" -d 'Retire an old version (NAME/KID): out of the JWK Set, verifies nothing'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -f -a "list" -d 'Every key and its versions (never a secret)'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from key" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l key -d 'The signing key' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l kind -r -f -a "ephemeral\t'Opens a tunnel once: 5 minutes by default, at most 15'
recreate\t'Re-establishes one tunnel (--tunnel): 10 minutes by default, at most 1 hour'
management\t'Control plane: 24 hours by default, at most 30 days; never the tunnel audience'"
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l sub -d 'The subject (with --count: that many tokens for it)' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l count -d 'How many tokens for --sub' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l from -d 'One token per subject listed in FILE (one a line)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l aud -d 'Audience (default: tunnel for ephemeral and recreate, management for management)' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l ttl -d 'Lifetime, e.g. 5m, 1h, 7d (default and maximum per kind)' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l tunnel -d 'The tunnel a recreate token is bound to' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l out -d 'Write the tokens to FILE (0600, never overwritten) instead of stdout' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l aud -d 'The audience the verifier is (refuses tokens for another)' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l kind -d 'The kind expected' -r -f -a "ephemeral\t'Opens a tunnel once: 5 minutes by default, at most 15'
recreate\t'Re-establishes one tunnel (--tunnel): 10 minutes by default, at most 1 hour'
management\t'Control plane: 24 hours by default, at most 30 days; never the tunnel audience'"
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l skew -d 'Clock skew allowed on exp, nbf and iat' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l node -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l tenant -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l ttl -d 'Lifetime (default 24h, at most 30d)' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l mac -d 'Bind it to this device: SHA-256(mac || nonce), as node certificates carry it' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from register" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l tenant -d 'The registrar\'s tenant: a token of another is refused' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l mac -d 'The device\'s MAC, for a token bound to one' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l skew -d 'Clock skew allowed on exp, nbf and iat' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from redeem" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l out -d 'Write it to FILE instead of stdout' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from jwks" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "key" -d 'Signing keys: add, rotate, retire, list'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "mint" -d 'Mint tokens of a kind with a key\'s current version (one per line on stdout, or --out)'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a token strictly (key by kid, its algorithm only, signature, exp/nbf/iat, audience, kind); exit 1 naming why it is refused'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "register" -d 'A one-time registration token for a node, signed with its tenant\'s Ed25519 key, with a fresh nonce (and with --mac, bound to the device); printed on stdout'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "redeem" -d 'The registrar\'s check: signature by the tenant\'s key, not expired, this tenant, the MAC when bound, and a nonce never redeemed before (then spent); exit 1 naming why not'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "jwks" -d 'The public keys (RS256, EdDSA; retired ones left out) as an RFC 7517 JWK Set'
complete -c credctl -n "__fish_credctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -f -a "create" -d 'A new key, printed once (prefix credctl_ak_); only its Argon2id hash is kept'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -f -a "verify" -d 'Exit 0 if KEY is NAME\'s and not revoked, 1 otherwise'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -f -a "revoke" -d 'Revoke a key: it verifies nothing from now on'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -f -a "list" -d 'Every key: name, scopes, a hint of its first characters, created, revoked (never the key)'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and not __fish_seen_subcommand_from create verify revoke list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l scope -d 'What the key may do (repeatable)' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "create" -d 'A new key, printed once (prefix credctl_ak_); only its Argon2id hash is kept'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Exit 0 if KEY is NAME\'s and not revoked, 1 otherwise'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a key: it verifies nothing from now on'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every key: name, scopes, a hint of its first characters, created, revoked (never the key)'
complete -c credctl -n "__fish_credctl_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -f -a "hash" -d 'Print the hash of a password typed twice at a terminal, or the first line of stdin'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and not __fish_seen_subcommand_from hash help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l algo -r -f -a "bcrypt\t'bcrypt, cost 12 (nats-server, most web stacks)'
argon2id\t'Argon2id, m=19 MiB t=2 p=1 (OWASP\'s minimum)'"
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from hash" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from help" -f -a "hash" -d 'Print the hash of a password typed twice at a terminal, or the first line of stdin'
complete -c credctl -n "__fish_credctl_using_subcommand passwd; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -f -a "create" -d 'Make a key (NAME.key, 0600) and a CSR for it; prints the key fingerprint to read aloud (no store needed)'
complete -c credctl -n "__fish_credctl_using_subcommand request; and not __fish_seen_subcommand_from create help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l profile -d 'The profile the CA will sign it with (dev, edge, node, hub, ...): recorded in the request' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l dns -d 'DNS name (repeatable; profiles edge and hub)' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l ip -d 'IP address (repeatable; profiles edge and hub)' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l email -d 'Email address (profile dev)' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l key-type -d 'Key type' -r -f -a "ecdsa-p256\t''
ecdsa-p384\t''
ed25519\t''
rsa-3072\t'RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)'"
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l out -d 'The request file to carry to the CA (never overwritten)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l key -d 'Where the key waits for its certificate (default: NAME.key beside the request)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "create" -d 'Make a key (NAME.key, 0600) and a CSR for it; prints the key fingerprint to read aloud (no store needed)'
complete -c credctl -n "__fish_credctl_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -f -a "import" -d 'Check the chain (and with --ca-fingerprint, the root), that the certificate is for the waiting key, then install NAME.crt, NAME.key and ca.crt in a new directory (no store needed)'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and not __fish_seen_subcommand_from import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l key -d 'The waiting key (default: NAME.key beside the bundle)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l out -d 'A new directory for NAME.crt, NAME.key (0600) and ca.crt' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "import" -d 'Check the chain (and with --ca-fingerprint, the root), that the certificate is for the waiting key, then install NAME.crt, NAME.key and ca.crt in a new directory (no store needed)'
complete -c credctl -n "__fish_credctl_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand export" -l out -d 'A new directory for the hand-off' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand export" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand export" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand export" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand export" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand export" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand export" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand export" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand export" -l for-online -d 'What to export: the online hand-off (the only kind so far)'
complete -c credctl -n "__fish_credctl_using_subcommand export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand export" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand export" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l ca -d 'The CA chain you keep (ca.crt): the hand-off\'s root must be its root (or pass the global --ca-fingerprint)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand verify-online" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l out -d 'The backup file (0600; never overwritten)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand backup" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand backup" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand backup" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l store -d 'The CA store directory' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l passphrase-file -d 'Read the passphrase from FILE (first line) instead of prompting' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l identity -d 'Unlock with an enrolled age X25519 identity file instead of the passphrase' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l shares-from -d 'Unlock with shares of the store\'s split: the share files in DIR (`-`: type them in at the terminal, one after another)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l share-identity -d 'An age identity file that decrypts share files made with `ca split --to` (repeatable)' -r -F
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l lock-timeout -d 'Give up (exit 1, naming the holder) after waiting this long for another credctl\'s lock, e.g. 30s or 5m; the default is to wait' -r
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l ca-fingerprint -d 'Refuse (exit 3) a store whose root CA certificate does not have this SHA-256 fingerprint, as `ca show` prints it: a pin kept outside the store, for automation' -r
complete -c credctl -n "__fish_credctl_using_subcommand restore" -l json -d 'Print one JSON document on stdout instead of text'
complete -c credctl -n "__fish_credctl_using_subcommand restore" -s h -l help -d 'Print help'
complete -c credctl -n "__fish_credctl_using_subcommand restore" -s V -l version -d 'Print version'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "init" -d 'Create a new CA store: a self-signed root (and optional intermediate), key sealed with age; or around an existing CA (--import-ca, --import-key)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "import" -d 'Create a store from what already exists: an easy-rsa PKI'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "ca" -d 'Inspect and export the CA, enrol automation identities'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "audit" -d 'Read and check the tamper-evident audit log and the CA-signed store state'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "cert" -d 'Issue, sign, renew, revoke, list, show and verify certificates'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "crl" -d 'Write a CRL signed by the issuing CA (PEM), with the next CRL number'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "hub" -d 'Set up the hub and render its nats-server configuration'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "dev" -d 'Developers: certificate + password bundle, user on the hub'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "edge" -d 'Edges (leaf nodes): certificate, leafnode credentials, edge config'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "nats" -d 'NATS decentralized auth: operator, accounts, users (nkeys + JWTs), resolver config'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "rotate" -d 'Scheduled rotation for CI: new passwords for hub members past an age'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "status" -d 'The checklist: expiring certificates, CRL, old passwords, NATS JWTs, weak settings, stale hub directories, the audit chain; exit 1 when something needs action'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "token" -d 'Service tokens (seed 003): signing keys, mint, verify, the JWK Set'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "apikey" -d 'API keys (seed 004): printed once, only their Argon2id hash kept'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "passwd" -d 'Hash a password for another system (read from a terminal or stdin; no store needed)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "request" -d 'On the device: make a key that never leaves it and a CSR to carry to the offline CA'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "bundle" -d 'On the device: check a bundle from `cert sign` and install it with the waiting key'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "export" -d 'After a ceremony: everything the online side needs (CA chain, CRLs, every hub\'s rendered directory, public NATS JWTs) in a new directory, with a manifest signed by the CA'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "verify-online" -d 'On the online side: check a hand-off directory (manifest signature, CA, every file) before using it; exit 1 if anything differs (no store needed)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "backup" -d 'Write the whole store to one file, sealed to the store key: whatever unlocks the store opens it (no unlock needed to write it)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "restore" -d 'Recreate a store from a backup at --store (which must not exist), unlocked as the store was, checked against its CA-signed state before it appears'
complete -c credctl -n "__fish_credctl_using_subcommand help; and not __fish_seen_subcommand_from init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "easy-rsa" -d 'A new store from an easy-rsa 3 PKI: its CA, every unexpired certificate of index.txt (keys stay with their holders), its revocations and CRL numbering'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "nsc" -d 'An nsc operator into this store: its JWTs as they are, the seeds of its keystore sealed'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "show" -d 'Subject, SHA-256 fingerprint, validity and key type of the CA, its settings and when the next CRL is due (no unlock)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "profiles" -d 'Install a profiles.toml (same shape as templates/profiles.toml): its profiles replace or add to the built-in ones for every certificate issued from now on'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "settings" -d 'The CRL lifetime and the URLs every certificate issued from now on carries (CRL Distribution Points, Authority Information Access); no flag: show them'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "export" -d 'Write the public CA chain (issuing CA first) as PEM'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "add-identity" -d 'Let an age X25519 identity unlock the store (for automation; skips scrypt)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "renew" -d 'Roll the CA over to new keys before it expires: a new root cross-certified both ways with the old one (clients trusting either keep working; hubs trust both), or a new intermediate; --finish ends the overlap'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "custodians" -d 'List the ways the store can be unlocked: passphrase, identities, share set (no unlock)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "remove-custodian" -d 'Stop a custodian unlocking the store: its wrap is deleted and the store key rotated, so a copy of the old wrap (or old shares) opens nothing current'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "split" -d 'Split what unlocks the store M-of-N: one printable share file per custodian; any M unlock it (`--shares-from`), fewer reveal nothing. Replaces any earlier split and rotates the store key'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "passwd" -d 'Change the passphrase, or set one again after it was removed (unlock with the current one, an identity or shares)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "log" -d 'Print every entry: time, actor, action, subject'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the hash chain, every store file against the CA-signed state, and its signature; exit 1 if anything was changed outside credctl'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "sign" -d 'Sign the state of a store made by a credctl that did not sign it (once, after checking it)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Print the ceremony transcript: every entry from --since with time, actor, what changed and fingerprints, ending at the head the CA signed (text for printing and signing by hand, JSON for `audit verify-export`)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify-export" -d 'Check a JSON transcript on its own (no store): entry hashes and links, the CA\'s signature over its head, and with --ca that it is your CA\'s; exit 1 if anything differs'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "issue" -d 'Generate a key and issue a certificate: DIR/NAME.crt, DIR/NAME.key (0600), DIR/ca.crt'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "sign" -d 'Sign a CSR made elsewhere (the private key never leaves its device)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "export" -d 'Write NAME\'s current certificate, its chain and the holder\'s key as a PKCS#12 file (the store never holds leaf keys: --key gives it)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "renew" -d 'Issue a fresh certificate for NAME with the same profile and names; the old one is superseded'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "revoke" -d 'Revoke certificates by name or serial'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "list" -d 'List issued certificates'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "show" -d 'Show one certificate by name or serial'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "verify" -d 'Check a certificate: chain to this CA, validity window, revocation; exit 1 when bad'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "init" -d 'Issue a hub\'s certificate, generate its secrets, render its config (--cluster-of: join a cluster)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "render" -d 'Render DIR/hub.conf and its include files from the store (no password is re-hashed)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "account-limits" -d 'Set an account\'s limits on every hub (no flag: remove them) and re-render'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "import" -d 'Take over the users of a hand-written nats-server config (authorization or accounts blocks): each with its developer certificate, bcrypt hash and permissions; re-render'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "reload" -d 'Signal the hub\'s running nats-server to reload (pid_file in the deploy directory) and, with a loopback --monitor-port, check that it did: exit 1 "restart needed" when not'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "jetstream-key" -d 'Hand the hub\'s sealed JetStream key back out (0600), e.g. for a backup'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from dev" -f -a "add" -d 'Issue the dev\'s certificate and password, add the user, re-render the hub config'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from dev" -f -a "remove" -d 'Revoke the dev\'s certificate, drop the user, issue a new CRL, re-render'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from dev" -f -a "list" -d 'List developers'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from edge" -f -a "add" -d 'Issue the edge\'s certificate and leafnode password; write its own nats-server config'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from edge" -f -a "remove" -d 'Revoke the edge\'s certificate, drop its leafnode user, issue a new CRL, re-render'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "init" -d 'Create the operator, the system account and its user'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "operator" -d 'The operator: its signing keys'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "account" -d 'Account management'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "user" -d 'User management'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "resolver" -d 'Write a nats-server resolver config: operator, system_account, resolver, account preloads'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "export" -d 'Export the operator JWT (DIR/operator.jwt) and every account JWT (DIR/NAME.jwt), public, for the servers and `nats push` on the online side'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "push" -d 'Publish account JWTs to a running cluster\'s resolver through the system account'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from nats" -f -a "describe" -d 'Print the decoded claims of the operator, an account, or a user (ACCOUNT/USER)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from rotate" -f -a "passwords" -d 'New random passwords (bcrypt cost 11) for members whose password is older than --older-than, every hub re-rendered; re-running an interrupted run finishes it'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from rotate" -f -a "certs" -d 'Renew every certificate that expires within DURATION (new keys; hub certificates keep theirs and their directories are re-rendered)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from rotate" -f -a "nats-users" -d 'Re-issue NATS user JWTs that expire within DURATION: same permissions, same lifetime from now, new .creds in DIR/ACCOUNT/'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "key" -d 'Signing keys: add, rotate, retire, list'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "mint" -d 'Mint tokens of a kind with a key\'s current version (one per line on stdout, or --out)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "verify" -d 'Check a token strictly (key by kid, its algorithm only, signature, exp/nbf/iat, audience, kind); exit 1 naming why it is refused'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "register" -d 'A one-time registration token for a node, signed with its tenant\'s Ed25519 key, with a fresh nonce (and with --mac, bound to the device); printed on stdout'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "redeem" -d 'The registrar\'s check: signature by the tenant\'s key, not expired, this tenant, the MAC when bound, and a nonce never redeemed before (then spent); exit 1 naming why not'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "jwks" -d 'The public keys (RS256, EdDSA; retired ones left out) as an RFC 7517 JWK Set'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from apikey" -f -a "create" -d 'A new key, printed once (prefix credctl_ak_); only its Argon2id hash is kept'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from apikey" -f -a "verify" -d 'Exit 0 if KEY is NAME\'s and not revoked, 1 otherwise'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from apikey" -f -a "revoke" -d 'Revoke a key: it verifies nothing from now on'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from apikey" -f -a "list" -d 'Every key: name, scopes, a hint of its first characters, created, revoked (never the key)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from passwd" -f -a "hash" -d 'Print the hash of a password typed twice at a terminal, or the first line of stdin'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "create" -d 'Make a key (NAME.key, 0600) and a CSR for it; prints the key fingerprint to read aloud (no store needed)'
complete -c credctl -n "__fish_credctl_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "import" -d 'Check the chain (and with --ca-fingerprint, the root), that the certificate is for the waiting key, then install NAME.crt, NAME.key and ca.crt in a new directory (no store needed)'
