# Documents written to files (src/usecase/document.rs): the bulletin, reminder sheets, rectification notices.
document-exists = { $path } exists: nothing written (--force overwrites it)
