# 从 PostgreSQL 热备库（只读副本）读取，修改写入主库（--db-primary）：拒绝的说明与控制台状态栏。

replica-standby = 这是 { $primary } 上主库的热备库：要修改，请用 --db-primary 指定该主库，读取仍在此处
replica-standby-unknown = 这是热备库，未能得知其主库：要修改，请用 --db-primary 指定主库
replica-bad-primary-url = --db-primary 地址 { $url } 有误：{ $why }
replica-primary-with-sqlite = --db-primary 用于从 PostgreSQL 热备库读取，而数据库是 SQLite 文件 { $file }
replica-primary-not-postgres = 主库须是 postgres:// 地址
replica-primary-is-standby = --db-primary { $primary } 本身是热备库（处于恢复中），其主库为 { $upstream }：请指定可写入的主库
replica-upstream-unknown = 未知主库
replica-db-not-standby = --db { $db } 不是热备库（它本身可写入）：--db-primary 只用于从热备库读取，请去掉它
replica-described = { $db }（热备库；修改写入 { $primary }）
replica-read-only = 只读：这是 { $primary } 上主库的热备库；要修改，请用 --db-primary 指定该主库后打开控制台
replica-read-only-unknown = 只读：这是热备库，未能得知其主库；要修改，请用 --db-primary 指定其主库后打开控制台
replica-in-step = {" "}· 只读副本 已同步
replica-behind = {" "}· 只读副本 延迟 { $behind }
replica-behind-unknown = {" "}· 只读副本
replica-not-streaming = {" "}· 只读副本 未在接收主库数据
replica-primary-without-url = database_primary_url 是 database_url 所指热备库的主库，但未设置 database_url
