# 操作系统的错误，按类别（src/i18n/mod.rs 的 os_error），用在指明文件、目录或地址的消息中。

os-error-not-found = 文件或目录不存在
os-error-permission-denied = 没有权限
os-error-already-exists = 已经存在
os-error-connection-refused = 连接被拒绝（该地址和端口上没有服务应答）
os-error-connection-reset = 连接被对方断开
os-error-not-connected = 尚未连接
os-error-timed-out = 超时
os-error-address-in-use = 地址已被占用
os-error-address-not-available = 地址不可用
os-error-host-unreachable = 无法到达该主机
os-error-network-unreachable = 无法连接网络
os-error-broken-pipe = 读取输出的一方已退出（管道断开）
os-error-is-a-directory = 这是目录，不是文件
os-error-not-a-directory = 不是目录
os-error-directory-not-empty = 目录不是空的
os-error-read-only = 文件系统是只读的
os-error-storage-full = 磁盘空间不足
os-error-file-too-large = 文件太大
os-error-busy = 正被占用
os-error-invalid-filename = 文件名无效
os-error-crosses-devices = 不能跨文件系统移动
os-error-too-many-links = 链接太多
os-error-interrupted = 被中断
os-error-unexpected-eof = 内容不完整（意外到达文件末尾）
os-error-out-of-memory = 内存不足
os-error-not-utf8 = 内容不是 UTF-8 编码的文本（GBK 等编码的文件请先转为 UTF-8）

## 数据库在限定时间内没有应答（src/store/backend.rs）

os-store-no-answer = 在限定时间内未能连上（服务器没有应答，或拒绝连接）
