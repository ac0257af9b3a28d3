# 整改通知：`rectifications notice ID --out FILE`（src/cli/rectify.rs、src/reports/rectifications.rs），
# 写成 Markdown 或国家公文格式（src/docx.rs）。
notice-out-format = { $path }：--out 须为国家公文格式的 Word 文件（.docx）或 Markdown 文件（.md）
notice-not-written = { $path } 未写入：{ $error }
notice-written = 第 { $id } 号整改通知已写入 { $path }
about-rectifications-notice = 把整改通知写给责任单位：单位、整改事项、存在问题、依据、整改期限；按 GB/T 9704-2012 公文格式的 Word 文件（.docx）或 Markdown（.md）
arg-rectifications-notice-id = 整改通知编号
arg-rectifications-notice-out = 写入的文件：.docx（GB/T 9704-2012）或 .md
arg-rectifications-notice-force = 覆盖已存在的文件
