# 离线页面 (site/) 的全部文字（引擎的发现与理由见 findings.ftl）。术语见 ../glossary.md。
# 反引号之间的文字（`SHA256SUMS`）显示为代码。离线包中的名称作为参数传入，原样显示。

## The page around the report

page-title = Airlock — 验证离线包
skip-link = 跳到结果
tagline = 验证离线包。任何数据都不会离开这台计算机。
noscript = 本页面需要 JavaScript 和 WebAssembly 才能检查离线包。不会向任何地方发送数据：它完全离线工作。
footer-note = Airlock 在本页面内用 WebAssembly 检查文件，不建立任何网络连接。
language-switch =
    .aria-label = 语言
theme-button = 主题：{ $theme ->
        [light] 浅色
        [dark] 深色
       *[auto] 自动
    }
    .aria-label = 配色主题：{ $theme ->
        [light] 浅色
        [dark] 深色
       *[auto] 自动
    }。按下可切换。
hidden-character =
    .title = 原文中的隐藏字符 U+{ $code }
provenance = 本页面：airlock { $version } · 源代码提交 { $commit } · wasm 模块 SHA-256 { $wasm }（{ $rustc }）· Fluent { $fluent } · 内置密钥：{ $keys }
pinned-ids-none = 无
pinned-id-unreadable = 无法读取（{ $origin }）

## Inputs

inputs-title = 离线包和文件
drop-title = 把离线包及其文件拖放到这里
drop-hint = 一个 `.tar.gz`、`.tgz` 或 `.tar`（或解开的文件夹），以及随附的校验和清单（`SHA256SUMS`）、签名（`.minisig`、`.sig`）和公钥（`.pub`）。
pick-files = 选择文件…
pick-folder = 选择文件夹…
clear = 清除
files-input =
    .aria-label = 要检查的文件
folder-input =
    .aria-label = 要检查的文件夹
input-list =
    .aria-label = 交来的文件
input-folder = 文件夹，{ $files } 个文件，{ $size }
input-public-key = 公钥 { $id }
input-remove = ×
    .title = 移除
    .aria-label = 移除 { $name }
one-title = 用公布的 SHA-256 检查单个文件
one-file = 文件
one-sha = SHA-256
one-sha-input =
    .placeholder = 64 位十六进制数字，或一行 sha256sum 输出
one-check = 检查此文件

## Keys

keys-title = 受信任的密钥
session-keys-title = 本次会话交来的密钥
session-keys-none = 还没有。拖放的公钥文件（`.pub`）会列在这里。
expected-title = 容器镜像的预期摘要
expected-line-bad = 容器镜像的预期摘要，第 { $line } 行：{ $detail }。
expected-hint = 取自部署配置，每行一个：镜像 ID 或 manifest 摘要，即 `sha256:` 加 64 位十六进制数字。具有预期摘要的镜像由它担保，如同受信任的密钥担保清单；离线包中没有任何镜像具有的摘要会使检查失败。
pinned-none = 本页面没有内置密钥。随离线包交来的公钥会连同其密钥 ID 列在下面，但不受信任：与离线包放在同一个 U 盘上的密钥什么也证明不了。请把它的密钥 ID 与发布工程师公布的核对，确认后再启用；报告中将注明“本次会话密钥，未内置在本页面中”。
pinned-some = 本页面信任以下 { $count } 个在制作时内置的密钥：
pinned-badge = 内置
pinned-unreadable = 无法读取一个内置密钥（{ $origin }）：{ $error }。本页面已损坏，请获取一份完好的副本。
pinned-reading = 正在读取内置密钥 { $origin }…
pinned-not-a-key = 这不是 Airlock 能读取的公钥（minisign、signify、SSH 或 OpenPGP 证书）
session-trusted = 本次会话中受信任
session-not-trusted = 不受信任
session-switch = 在本次会话中信任此密钥

## Progress and the page's own verdicts

progress-title = 正在检查…
cancel = 取消
working-title = 正在检查…
working-reason = 正在读取每一个字节并与校验和清单比较。任何数据都不会离开这台计算机。
progress-starting = 正在开始…
progress-done = { $done } / { $total }
progress-rate = { $rate }/秒
progress-finishing = 即将完成
progress-left = 约剩 { $time }
idle-title = 尚未检查任何内容
idle-reason = 拖放离线包或选择文件，用其已签名的校验和清单进行检查。
cancelled-title = 已取消 — 没有验证任何内容
cancelled-reason = 检查在完成前被你停止，因此没有验证任何内容。
verifier-stopped = 验证程序已停止。
cannot-run-title = 验证程序无法运行
error-start = 验证程序无法启动：{ $detail }
error-worker = 验证程序的工作线程出错
error-not-running = 验证程序没有在运行
error-internal = 验证程序内部错误：{ $detail }
error-no-wasm = 此浏览器不支持验证程序所需的 WebAssembly 或 Web Worker。
error-damaged = 验证程序不会运行：其 wasm 模块的 SHA-256 为 { $actual }，而不是页面声明的 { $stated }。本页面已损坏，请获取一份完好的副本。
error-pinned = 无法读取内置密钥：{ $detail }

## The verdict

result =
    .aria-label = 结果
banner-verified = 已验证
banner-failed = 失败 — 请勿使用此离线包
banner-failed-file = 失败 — 请勿使用此文件
banner-unsigned = 未签名 — 仅完整性
banner-error = 无法检查
banner-single = 单个文件：{ $banner }
trust-session = 受信任的原因是你启用了一个本次会话密钥，它没有内置在本页面中：{ $keys }。请确认这是发布工程师的密钥。
export-json = 导出 JSON 报告
print = 打印报告
save-sums = 保存 SHA256SUMS
list-separator = ，
counts-entries = { $n } 个条目
counts-ok = { $n } 个正常
counts-mismatch = { $n } 个不匹配
counts-missing = { $n } 个缺失
counts-extra = { $n } 个不在清单中
counts-problems = { $n } 个问题
counts-warnings = { $n } 个警告
counts-line = { $parts }。用时 { $took } 读取了 { $size }。

## Sizes and durations

size-bytes = { $n } 字节
size-with-bytes = { $size }（{ $n } 字节）
duration-ms = { $n } 毫秒
duration-s = { $n } 秒
duration-min = { $n } 分钟
duration-h = { $n } 小时
duration-under-second = 不到一秒

## Bundle, inputs, signatures, lists

bundle-title = 离线包
bundle-hash-label = 离线包文件的 SHA-256 — 请与公布的值核对
copy = 复制
copied = 已复制
copy-selected = 已选中：请按 Ctrl+C
inputs-heading = 输入
fact-name = 名称
fact-format = 格式
fact-size = 大小
fact-top-folder = 顶层文件夹
fact-bundle = 离线包
bundle-none = 输入中没有找到
bundle-format-directory = 文件夹（解开的离线包）
signatures-title = 签名
signatures-none = 在输入和离线包中都没有找到签名。
lists-title = 校验和清单
lists-none = 没有找到校验和清单。
list-line = { $format }，{ $lines } 行，{ $signed ->
        [yes] 已由受信任的密钥签名
       *[no] 没有受信任的密钥签名
    }
fact-key-id = 密钥 ID
fact-key = 密钥
fact-covers = 覆盖
fact-trusted-comment = 受信任的注释
fact-untrusted-comment = 不受信任的注释
untrusted-comment = { $comment }（不在签名覆盖范围内）
key-unknown = 没有提供此 ID 的密钥
keys-known = 本次检查已知的密钥
key-trusted = 受信任
key-not-trusted = 不受信任

## Words for the report's values

role-bundle = 离线包
role-directory = 文件夹
role-checksum-list = 校验和清单
role-minisign-signature = minisign 签名
role-signify-signature = signify 签名
role-signify-embedded = signify 已签名的清单
role-minisign-key = minisign 公钥
role-signify-key = signify 公钥
role-ssh-signature = SSH 签名
role-ssh-key = SSH 公钥
role-openpgp-signature = OpenPGP 签名
role-openpgp-cleartext = OpenPGP 已签名的清单
role-openpgp-key = OpenPGP 证书
role-secret-key = 私钥
role-go-sum = go.sum（Go 模块哈希）
role-file = 文件
kind-file = 文件
kind-directory = 文件夹
kind-symlink = 符号链接
kind-hardlink = 硬链接
kind-char-device = 字符设备
kind-block-device = 块设备
kind-fifo = FIFO
kind-other = 其他
status-ok = 正常
status-mismatch = 哈希值不匹配
status-missing = 缺失
status-extra = 不在清单中
status-problem = 问题
status-unchecked = 未检查
status-meta = 清单或签名
status-structure = 文件夹或链接
severity-error = 错误
severity-problem = 问题
severity-warning = 警告
severity-info = 信息
key-source-pinned = 内置在本页面中
key-source-command-line = 通过 --trusted-key 提供
key-source-session = 本次会话密钥，未内置在本页面中
key-source-input = 随文件交来，不受信任
sig-status-valid = 有效，由受信任的密钥签名
sig-status-valid-untrusted = 有效，但密钥不受信任
sig-status-unknown-key = 由未知密钥签名
sig-status-invalid = 签名错误：验证不通过
sig-status-unmatched = 没有找到它所覆盖的文件
sig-format-minisign = minisign
sig-format-signify = signify
sig-format-signify-embedded = signify，内嵌清单
sig-format-ssh = SSH
sig-format-openpgp = OpenPGP
sig-format-openpgp-cleartext = OpenPGP，明文签名的清单
image-status-ok = 摘要匹配
image-status-mismatch = 摘要不匹配
image-status-not-carried = 未携带
image-status-unchecked = 未检查
module-status-ok = 哈希值匹配

## Findings, images, Go modules

findings-title = 发现
findings-title-count = 发现（{ $count }）
findings-more = 还有 { $n } 条：全部发现都在 JSON 报告中。
images-title = 镜像
images-title-count = 镜像（{ $count }）
images-intro = 离线包中的容器镜像，按其携带的摘要检查。标签和名称来自归档：没有签名覆盖它们。
images-more = 还有 { $n } 个：全部镜像都在 JSON 报告中。
fact-image-id = 镜像 ID
fact-manifest = 清单文件
fact-platform = 平台
fact-pinned-by = 固定它的预期摘要
image-format-in = { $format }，位于 { $root }
image-untagged = 无标签
layer-number = #
layer-stored = 存储的层
layer-uncompressed = 解压后
layer-diff-id = 配置中的 diff_id
layer-status = 状态
gomod-title = Go 模块
gomod-title-count = Go 模块（{ $count }）
gomod-intro = 离线包中 Go 模块缓存的模块：每个 zip、解开的目录树和 go.mod 的 h1: 哈希值，与其 .ziphash 和 go.sum 比较（以 go.sum 为准）。
gomod-module = 模块
gomod-zip = Zip
gomod-tree = 目录树
gomod-go-sum = go.sum
gomod-status = 状态
gomod-more = 还有 { $n } 个：全部模块都在 JSON 报告中。

## Entries

entries-title = 条目
entries-count = （{ $n } 个条目）
entries-count-filtered = （{ $shown } / { $n }）
problems-only = 只看问题
entry-search =
    .placeholder = 搜索路径
    .aria-label = 按路径搜索条目
entries-table =
    .aria-label = 条目
entries-viewport =
    .aria-label = 条目，用方向键移动
column-status = 状态
column-path = 路径
column-size = 大小
column-expected = 预期 SHA-256
column-actual = 实际 SHA-256
entries-empty = 没有匹配的条目。
fact-path = 路径
fact-status = 状态
fact-kind = 类型
fact-mode = 权限
fact-link-target = 链接目标
fact-expected = 预期 SHA-256
fact-actual = 实际 SHA-256

## The printed report

print-title = Airlock 验证报告
print-findings = 发现
print-entries = 条目
print-findings-none = 无。
fact-verdict = 结论
fact-reason = 理由
fact-checked = 检查时间
fact-checked-with = 检查工具
checked-with = { $tool }，离线页面
fact-page = 页面
print-page = airlock { $version }，源代码提交 { $commit }，wasm 模块 SHA-256 { $wasm }（{ $rustc }），Fluent { $fluent }，内置密钥：{ $keys }
print-bundle = { $name } — { $format }，{ $n } 字节
print-none = 无
fact-bundle-sha = 离线包 SHA-256
fact-signatures = 签名
fact-counts = 统计
print-trusted-comment = 受信任的注释：{ $comment }
print-entries-note = 此离线包有 { $total } 个条目；这里只打印有问题的 { $n } 个。全部条目都在 JSON 报告中。
print-column-hash = SHA-256（实际值；不同时附预期值）
print-hash-differs = { $actual }（预期 { $expected }）
