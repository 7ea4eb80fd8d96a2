# 命令行工具（airlock）：verify 的文本报告、各命令的输出和错误，以及 --help。
# 结论、理由和发现在 findings.ftl 中。术语见 ../glossary.md。
# 机器可读的输出（verify --json、hash）不翻译。每个 id 以 cli- 开头：同一语言的所有文件共用一个 Fluent 命名空间。

## airlock verify 的文本报告

# 每个条目一行：路径和结果。
cli-report-entry = { $path }：{ $status }
# 无法检查的条目，按 sha256sum 的格式：SHA-256 和路径。
cli-report-entry-unchecked = { $actual }  { $path }
cli-entry-status-ok = 通过
cli-entry-status-mismatch = 失败（哈希值不匹配）
cli-entry-status-missing = 失败（缺失）
cli-entry-status-extra = 失败（不在清单中）
cli-entry-status-problem = 失败（见下文）
cli-entry-status-meta = 清单/签名

# 各部分的标签；其后的内容按最长的标签对齐。
cli-report-label-bundle = 离线包：
cli-report-label-signature = 签名：
cli-report-label-image = 镜像：
cli-report-label-expected = 预期摘要：
cli-report-label-module = Go 模块：
cli-report-label-key = 密钥：
cli-report-label-summary = 汇总：

cli-report-bundle = { $name }（{ $format }，{ $size } 字节）
cli-report-bundle-sha256 = SHA-256 { $sha256 }
# 离线包的格式为词语时（tar.gz 和 tar 保持原样）。
cli-bundle-format-directory = 文件夹
cli-bundle-format-files = 文件

cli-report-signature = { $file }（{ $format }，{ $algorithm }）密钥 { $key }：{ $status }
cli-sig-format-minisign = minisign
cli-sig-format-signify = signify
cli-sig-format-signify-embedded = signify，内嵌
cli-sig-format-ssh = ssh
cli-sig-format-openpgp = openpgp
cli-sig-format-openpgp-cleartext = openpgp，明文签名
cli-sig-status-valid = 签名有效，密钥受信任
cli-sig-status-valid-untrusted = 签名有效，但密钥【不受信任】
cli-sig-status-unknown-key = 未知密钥
cli-sig-status-invalid = 【签名无效】
cli-sig-status-unmatched = 未覆盖任何给定的文件
cli-report-signature-covers = 签名覆盖 { $file }
cli-report-signature-principal = 主体 { $principal }
cli-report-signature-fingerprint = 主密钥指纹 { $fingerprint }
cli-report-signature-user-id = 用户 ID { $user_id }
cli-report-signature-comment = 受信任注释：{ $comment }

cli-report-image = { $tags }（{ $format }）：{ $status }
cli-image-untagged = 无标签
cli-image-status-ok = 摘要一致
cli-image-status-mismatch = 【摘要不匹配】
cli-image-status-not-carried = 未携带
cli-image-status-unchecked = 未检查
cli-report-image-in = 位于 { $root }
cli-report-image-id = 镜像 ID { $id }
cli-report-image-platform = 平台 { $platform }
cli-report-image-pinned = 已由预期摘要 { $digest } 固定
# An expected digest (--expect-digest) and what it pins.
cli-report-expected = { $digest }：{ $status }
cli-expected-pins = 固定了 { $images }
cli-expected-none = 与任何镜像都不一致
cli-report-image-layer = 第 { $number } 层：{ $digest }（{ $compression }）-> { $uncompressed }：{ $status }

cli-report-module = { $path } { $version }：{ $status }（zip { $zip }，文件树 { $tree }，go.sum { $go_sum }）
cli-module-status-ok = 哈希值一致
cli-module-status-mismatch = 【哈希值不匹配】
cli-module-status-not-carried = 未携带
cli-module-status-unchecked = 没有可比对的值

cli-report-key = { $key }（{ $format }）来自 { $origin }：{ $trust }
cli-key-trusted = 受信任
cli-key-not-trusted = 不受信任
# 在命令行上直接给出的密钥（--trusted-key RW…）的来源。
cli-key-origin-command-line = 命令行

cli-report-finding = { $severity } [{ $code }]：{ $message }
cli-severity-error = 无法检查
cli-severity-problem = 问题
cli-severity-warning = 警告
cli-severity-info = 信息

cli-report-summary = { $entries } 个条目：{ $ok } 个通过，{ $mismatch } 个不匹配，{ $missing } 个缺失，{ $extra } 个多余；{ $problems } 个问题，{ $warnings } 个警告；读取 { $bytes } 字节，用时 { $ms } 毫秒
# 最后一行：结论（findings.ftl）和理由。
cli-report-verdict = { $verdict }：{ $reason }
cli-hint-trust-key = 提示：没有受信任的密钥；请用 --trusted-key KEY 传入从可信来源获得的发布密钥

## keygen、pack

cli-keygen-key-id = 密钥 ID { $id }
cli-keygen-public = 公钥：{ $path }（交给审核人员；验证时用 --trusted-key 指定它）
cli-keygen-secret = 私钥：{ $path }（未加密：请离线保管）
cli-pack-done = { $path }：{ $files } 个文件，SHA256SUMS 已由密钥 { $id } 签名

## 错误和警告（stderr）。$detail 是系统自己的文字（I/O 错误、解码器的错误）。

cli-error-line = airlock: { $message }
cli-error-unknown-lang = --lang 的语言“{ $tag }”不存在；可用的语言：{ $available }
cli-error-unknown-command = 未知命令“{ $name }”；可用的命令：{ $commands }
cli-error-read = 无法读取 { $path }：{ $detail }
cli-error-read-link = 无法读取符号链接 { $path }：{ $detail }
cli-error-hash = 无法计算 { $path } 的哈希值：{ $detail }
cli-error-read-trusted-key = 无法读取受信任的密钥 { $path }：{ $detail }
cli-error-bad-trusted-key = 受信任的密钥 { $key } 无效：{ $detail }
cli-error-bad-expected-digest = 选项 --expect-digest 的值无效：{ $detail }
cli-warning-trusted-key-note = 受信任的密钥 { $key }：{ $note }。
cli-error-write-report = 无法写出报告：{ $detail }
cli-error-write-output = 无法写出输出：{ $detail }
cli-error-no-randomness = 无法获得随机数：{ $detail }
cli-error-exists = { $path } 已存在；拒绝覆盖
cli-error-create = 无法创建 { $path }：{ $detail }
cli-error-write = 无法写入 { $path }：{ $detail }
cli-error-read-secret-key = 无法读取私钥 { $path }：{ $detail }
cli-error-bad-secret-key = 私钥 { $path } 无效：{ $detail }
cli-error-sign = 无法签名 { $path }：{ $detail }
cli-error-not-a-folder = { $path } 不是文件夹
cli-error-pack-reserved = { $path } 中已有 { $name }；该文件应由 pack 生成
cli-error-special-file = { $path } 是设备、FIFO 或套接字；离线包不能包含它

## --help

cli-help-about = 一次流式读取即可验证离线包（tar.gz + SHA256SUMS + minisign/signify 签名）
cli-help-after = 退出状态：0 已验证；1 失败或未签名；2 无法检查或用法错误。
cli-help-usage = 用法:
cli-help-heading-commands = 命令
cli-help-heading-arguments = 参数
cli-help-heading-options = 选项
cli-help-flag = 打印帮助（用 '--help' 查看更多）
cli-help-flag-long = 打印帮助（用 '-h' 查看简要说明）
cli-help-flag-short = 打印帮助
cli-help-version = 打印版本
cli-help-command = 打印本帮助，或指定子命令的帮助
cli-help-command-arg = 要查看帮助的子命令
cli-help-lang = 消息的语言（{ $languages }）；默认取自 LC_ALL、LC_MESSAGES 或 LANG。--json 和 hash 的输出不随语言改变。
cli-help-verify = 验证离线包（tar、tar.gz 或文件夹）及其校验和清单和签名。
cli-help-verify-long = PATH 为离线包以及任意分离的清单、签名和密钥，顺序不限；每个文件是什么由其内容决定。只有 --trusted-key 给出的密钥才受信任。
cli-help-verify-paths = 离线包，以及任意分离的 SHA256SUMS、.minisig、.sig 或 .pub 文件。
cli-help-verify-trusted-key = 受信任的公钥：minisign/signify 的 .pub 文件或裸 `RW…` 密钥（可重复）。
cli-help-verify-expect-digest = 你预期离线包中某个容器镜像具有的摘要，取自部署配置：其镜像 ID 或 manifest 摘要，格式为 sha256:<64 位十六进制>（可重复）。一致时，它像受信任的密钥担保清单那样担保该镜像；与任何镜像都不一致则失败。
cli-help-verify-json = 以 JSON 打印报告（schema 1）。
cli-help-verify-quiet = 只打印未通过的条目。
cli-help-verify-max-entries = 接受的归档条目数上限（默认：{ $default }）。
cli-help-verify-max-path-len = 接受的路径长度上限，以字节计（默认：{ $default }）。
cli-help-keygen = 创建 minisign 密钥对：NAME.pub 和 NAME.key（未加密，同 `minisign -G -W`）。
cli-help-keygen-output = 两个文件的基本名称。
cli-help-sign = 用 minisign 私钥签名文件，在每个文件旁写出 FILE.minisig（预哈希）。
cli-help-sign-key = 私钥文件（由 `airlock keygen` 或 `minisign -G -W` 生成）。
cli-help-sign-comment = 受信任注释（经签名）；默认：时间戳和文件名。
cli-help-sign-files = 要签名的文件。
cli-help-pack = 生成可复现的已签名离线包：DIR 中的文件加上 SHA256SUMS 和 SHA256SUMS.minisig，放在以 DIR 命名的顶层文件夹中。
cli-help-pack-dir = 要打包的文件夹。
cli-help-pack-output = .tar.gz 的写出位置。
cli-help-pack-key = 用于签名 SHA256SUMS 的私钥。
cli-help-pack-comment = SHA256SUMS.minisig 的受信任注释；默认写明离线包名称（设置了 SOURCE_DATE_EPOCH 时还有该时间）。
cli-help-hash = 以 `sha256sum` 格式打印 SHA-256 校验和。
cli-help-hash-files = 要计算哈希值的文件。
