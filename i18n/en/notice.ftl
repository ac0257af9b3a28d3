# Rectification notices (整改通知): `rectifications notice ID --out FILE` (src/cli/rectify.rs,
# src/reports/rectifications.rs), written as Markdown or in the national format (src/docx.rs).
notice-out-format = { $path }: --out takes a Word file in the national format (.docx) or a Markdown file (.md)
notice-not-written = { $path } not written: { $error }
notice-written = rectification notice { $id } written to { $path }
about-rectifications-notice = Write an order's rectification notice (整改通知) to its unit: unit, what it names, what is wrong, the rule, the deadline; Word in the national format of GB/T 9704-2012 (.docx) or Markdown (.md)
arg-rectifications-notice-id = The order's id
arg-rectifications-notice-out = The file: .docx (GB/T 9704-2012) or .md
arg-rectifications-notice-force = Overwrite the file if it exists
