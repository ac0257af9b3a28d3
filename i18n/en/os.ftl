# The operating system's errors by kind (src/i18n/mod.rs, os_error), inside messages that name
# the file, directory or address.

os-error-not-found = no such file or directory
os-error-permission-denied = permission denied
os-error-already-exists = it already exists
os-error-connection-refused = connection refused (nothing answers at that address and port)
os-error-connection-reset = the connection was closed by the other side
os-error-not-connected = not connected
os-error-timed-out = timed out
os-error-address-in-use = the address is in use
os-error-address-not-available = the address is not available
os-error-host-unreachable = the host cannot be reached
os-error-network-unreachable = the network cannot be reached
os-error-broken-pipe = the reader went away (broken pipe)
os-error-is-a-directory = it is a directory, not a file
os-error-not-a-directory = not a directory
os-error-directory-not-empty = the directory is not empty
os-error-read-only = the file system is read-only
os-error-storage-full = no space left on the disk
os-error-file-too-large = the file is too large
os-error-busy = it is busy
os-error-invalid-filename = not a valid file name
os-error-crosses-devices = it cannot be moved across file systems
os-error-too-many-links = too many links
os-error-interrupted = interrupted
os-error-unexpected-eof = it ends too soon (unexpected end of file)
os-error-out-of-memory = out of memory
os-error-not-utf8 = it is not UTF-8 text (convert a file in GBK or another encoding to UTF-8 first)

## A database that does not answer in time (src/store/backend.rs)

os-store-no-answer = no connection within the time allowed (the server does not answer, or refuses connections)
