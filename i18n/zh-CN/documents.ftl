# 写入文件的文书（src/usecase/document.rs）：通报、提醒单、整改通知。
document-exists = { $path } 已存在：未写入（--force 覆盖）
