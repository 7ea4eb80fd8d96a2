# Airlock 引擎：结论、结论的理由，以及每条发现的句子。术语见 ../glossary.md。
# 参数名与 en/findings.ftl 相同；名称、摘要、代码和工具名保持原样。

language-name = 中文

## 结论

verdict-verified = 已验证
verdict-failed = 失败
verdict-unsigned = 未签名
verdict-error = 无法检查

## 理由

reason-problem = { $first }
reason-problems = 发现 { $count } 个问题。第一个：{ $first }
reason-error = { $first }
reason-verified-bundle = 离线包文件 { $bundle } 由受信任的密钥担保：{ $by }。
reason-verified-bundle-files = 离线包文件 { $bundle } 由受信任的密钥担保：{ $by }。{ $count } 个文件与其校验和清单一致。
reason-not-vouched = { $path } 未被已签名的清单担保，因此无法验证此离线包。
reason-verified-list = { $count } 个文件与校验和清单 { $list } 一致，该清单由受信任的密钥 { $key_id } 签名。
reason-unsigned-bundle = 离线包文件与校验和清单 { $list } 一致，但没有签名覆盖它：这只能证明文件完好，不能证明是谁制作的。
reason-unsigned-list = { $count } 个文件与校验和清单一致，但没有签名覆盖它：这只能证明文件完好，不能证明是谁制作的。
reason-unsigned-images = { $count } 个容器镜像完好：归档携带的每个摘要都与内容一致（{ $images }），但没有签名覆盖它：这只能证明镜像完好，不能证明是谁制作的。
reason-verified-pinned = { $count } 个容器镜像与预期摘要一致（{ $images }），这些摘要担保了离线包中的每个文件。
reason-pinned-incomplete = { $count } 个容器镜像与预期摘要一致（{ $images }），但{ $what }未被任何预期摘要担保：离线包完好，但无法验证。
reason-unsigned-modules = Go 模块缓存完好：它携带的每个 h1: 哈希值都与内容一致（{ $modules }），但没有签名覆盖它：这只能证明模块完好，不能证明是谁制作的。
reason-unsigned-modules-more = Go 模块缓存完好：它携带的每个 h1: 哈希值都与内容一致（{ $modules } 以及另外 { $more } 个），但没有签名覆盖它：这只能证明模块完好，不能证明是谁制作的。
reason-nothing = 没有任何内容可以验证。

## 发现：输入

finding-cancelled = 检查已取消。
finding-several-bundles = 给出了多个离线包（归档或文件夹）；请一次只验证一个离线包。
finding-meta-too-large = { $path } 看起来是 { $role }，但大小为 { $size } 字节，超过上限 { $limit } 字节；未读取。
finding-unreadable = 无法读取 { $path }：{ $detail }。
finding-key-note = { $path }：{ $detail }。
finding-malformed-key = { $path } 看起来是公钥，但无法读取：{ $detail }。
finding-secret-key = { $path } 是 minisign 私钥。它未被使用。私钥绝不能随离线包一起传递：拥有它的人可以签署任何内容。
finding-malformed-signature = { $path } 看起来是签名，但无法读取：{ $detail }。
finding-malformed-list = 校验和清单 { $list } 格式错误：{ $detail }。

## 发现：离线包数据流

finding-too-many-entries = 离线包的条目超过 { $limit } 个（配置的上限）；其余部分未检查。
finding-too-much-memory = 离线包的条目名称和清单需要超过 { $limit } 字节的内存（配置的上限）；其余部分未检查。
finding-folder-too-many-entries = 文件夹的条目超过 { $limit } 个（配置的上限）；其余部分未检查。
finding-archive-limit = 离线包 { $bundle } 超出了上限：{ $detail }（位于 tar 流的第 { $offset } 字节）。其余部分未检查。
finding-ambiguous-header = 离线包 { $bundle } 含有一个各解压工具解读不一致的 tar 头，因此它们写出的内容可能与检查过的内容不同：{ $detail }（tar 头位于 tar 流的第 { $offset } 字节）。之后的内容未检查。
finding-corrupt-archive = 离线包 { $bundle } 已损坏：{ $detail }（位于 tar 流的第 { $offset } 字节）。损坏之后的内容未检查。
finding-trailing-data = 离线包在 tar 归档结束之后还有 { $size } 字节的隐藏数据（从 tar 流的第 { $offset } 字节开始）。解压工具会忽略或错误处理这些数据；已签名的清单无法为其担保。
finding-digest-missing = 未计算 { $bundle } 本身的 SHA-256，因此检查不完整。

## 发现：签名

finding-refused-signature = 针对 { $path } 的签名 { $signature }（密钥 { $key_id }）被拒绝：{ $detail }。
finding-bad-signature = 签名 { $signature } 无法用密钥 { $key_id } 验证 { $path }：文件在签名后被修改过，或者签名是伪造的。
finding-untrusted-key = { $path } 由密钥 { $key_id }（来自 { $origin }）签名，但此处不信任该密钥。任何人都可以生成密钥：只有事先信任的密钥才能证明签名者是谁。
finding-unknown-key = { $path } 由密钥 { $key_id } 签名，但该密钥不在受信任的密钥之中；无法检查该签名。
finding-unknown-key-beside-good = { $signature } 还含有一个由密钥 { $key_id } 对 { $path } 所作的签名，该密钥不在受信任的密钥之中；无法检查该签名。它不影响结果：与它并列的、由受信任的密钥 { $trusted } 所作的有效签名为 { $path } 担保。
finding-untrusted-key-beside-good = { $signature } 还含有一个由密钥 { $key_id }（来自 { $origin }）对 { $path } 所作的有效签名，但此处不信任该密钥。它不影响结果：与它并列的、由受信任的密钥 { $trusted } 所作的有效签名为 { $path } 担保。
finding-too-many-signatures = { $signature } 含有超过 { $limit } 个签名；未使用该文件（未读取的签名可能是无效的签名）。
finding-unmatched-signature = 签名 { $signature } 与给出的任何校验和清单或文件都不对应，因此无法检查。

## 发现：结构

finding-unsafe-path = { $path }：{ $detail }；解压它可能会写到目标文件夹之外。
finding-path-too-long = { $path }：路径长度超过上限 { $limit } 字节。
finding-duplicate-entry = { $path } 在归档中出现了不止一次；解压时保留最后一份，而它未必是检查工具看到的那一份。
finding-duplicate-input = 给出了两个名为 { $path } 的文件；校验和清单只能为一个文件名担保，无法分辨它担保的是哪一个。
finding-special-file = { $path } 是{ $kind }；离线包只应包含文件、文件夹和链接。
finding-hardlink-escape = { $path } 是指向 { $target } 的硬链接，但后者不是离线包中在它之前的文件。
finding-link-outside = { $path } 是符号链接，按文件系统的方式跟随时会指向离线包之外（{ $chain }）。
finding-link-loop = { $path } 是永无终点的符号链接：连续超过 { $limit } 个链接（{ $chain }…）。
finding-under-link = { $path } 位于 { $parent } 之下，而后者是符号链接：解压它会写到该链接指向的任何位置。
finding-under-link-folded = { $path } 位于 { $parent } 之下，而在 macOS 或 Windows 上后者是符号链接（在那里 { $ancestor } 与 { $parent } 是同一个名称）：解压它会写到该链接指向的任何位置。
finding-under-file = { $path } 位于 { $parent } 之下，而后者不是文件夹，而是{ $kind }：GNU tar 无法解压它，bsdtar 会把 { $parent } 替换为文件夹。
finding-under-file-folded = { $path } 位于 { $parent } 之下，而在 macOS 或 Windows 上后者不是文件夹，而是{ $kind }（在那里 { $ancestor } 与 { $parent } 是同一个名称）：GNU tar 无法解压它，bsdtar 会把 { $parent } 替换为文件夹。

## 发现：清单与比对

finding-unsigned-list-ignored = 校验和清单 { $list } 未签名，而另一个清单已签名；只使用了已签名的清单。
finding-list-unsafe-path = 清单 { $list } 第 { $line } 行给出了不安全的路径：{ $detail }。
finding-file-mismatch = { $path } 与清单 { $list }（第 { $line } 行）不匹配：预期 SHA-256 为 { $expected }，实际为 { $actual }。
finding-hash-mismatch = { $path } 与清单 { $list }（第 { $line } 行）不匹配：其内容已被修改。
finding-hash-mismatch-signed = { $path } 与已签名的清单 { $list }（第 { $line } 行）不匹配：其内容已被修改。
finding-listed-link = { $path } 列在 { $list }（第 { $line } 行）中，但它是符号链接（{ $chain }）：{ $detail }。
finding-listed-not-file = { $path } 列在 { $list }（第 { $line } 行）中，但在离线包中不是普通文件。
finding-extra = { $path } 在离线包中，但不在校验和清单中：它可能是被添加的（多余文件）。
finding-extra-signed = { $path } 在离线包中，但不在已签名的清单中：它可能是被添加的（多余文件）。
finding-unlisted-link = { $path } 是指向 { $link_target } 的符号链接，清单中没有列出它。
finding-unlisted-link-dangling = { $path } 是指向 { $link_target } 的符号链接，清单中没有列出它，而且它在离线包中没有指向任何内容。
finding-unlisted-link-to-meta = { $path } 是指向 { $link_target } 的符号链接，清单中没有列出它，而且它指向 { $target }——一个没有任何签名逐字节担保的校验和清单或签名文件。
finding-extra-input = { $path } 随离线包一起交付，但没有已签名的清单或签名为它担保：它可能是被添加的（多余文件）。
finding-missing = { $path } 列在 { $list }（第 { $line } 行）中，但离线包中缺失该文件。
finding-nothing-recognised = 没有可验证的内容：输入中没有识别出离线包、校验和清单或签名。
finding-nothing-to-verify = 没有找到校验和清单或签名，因此无法验证任何内容。已列出每个文件的 SHA-256；请与可信来源进行比对。
finding-duplicate-line = 清单 { $list } 两次列出 { $path }（第 { $line } 行和第 { $other_line } 行），哈希值相同。
finding-conflicting-list = 清单 { $list } 两次列出 { $path }，哈希值不同（第 { $line } 行和第 { $other_line } 行）。
finding-list-disagreement = 清单 { $other_list } 和 { $list } 对 { $path } 给出了不同的哈希值。
finding-name-collision = { $first } 和 { $last } 只在字母大小写或 Unicode 规范化上不同：在 macOS 或 Windows 上，一个会覆盖另一个（此处每个都已逐字节检查）。
finding-name-collision-unsafe = { $first } 和 { $last } 只在字母大小写或 Unicode 规范化上不同，而 { $path } 是{ $kind }：在 macOS 或 Windows 上，它会取代一个已检查的文件。

## 发现：容器镜像

finding-image-blob-not-carried = 镜像引用了它的{ $what } { $digest }，但归档中未携带它（部分导出，或层存放在别处）。
finding-image-size-mismatch = 镜像声明它的{ $what } { $path } 为 { $expected } 字节，但归档中为 { $actual } 字节。
finding-image-json-too-large = 镜像的{ $what } { $path } 不是不超过 { $limit } 字节的 JSON，因此无法检查该镜像。
finding-image-unreadable = 无法读取镜像的{ $what } { $path }：{ $detail }。
finding-layer-count-mismatch = 镜像 { $image } 有 { $count } 层，但其配置 { $path } 列出了 { $expected } 个 diff_ids：有层被添加或删除。
finding-diff-id-mismatch = 镜像的第 { $layer } 层（{ $path }）解压后的摘要为 { $actual }，但镜像配置中为 { $expected }：该层或配置已被修改。
finding-layer-unchecked = 无法根据镜像配置检查镜像的第 { $layer } 层（{ $path }）：{ $detail }。
finding-image-path-broken = { $path } 给出的{ $what } { $target } 没有指向归档中的文件（缺失，或是损坏的链接）。
finding-image-config-mismatch = 镜像配置 { $path } 以摘要 { $expected } 命名，但实际摘要为 { $actual }：它已被修改，镜像 ID 也随之改变。
finding-image-blob-mismatch = 镜像 blob { $path } 的摘要为 { $actual }，与其名称中的摘要不一致：其内容已被修改。
finding-unreferenced-blob = blob { $path } 在归档中，但没有任何镜像引用它。

## 发现：预期摘要（--expect-digest）

finding-pin-mismatch = 离线包中没有任何容器镜像具有预期摘要 { $expected }；它携带的摘要是：{ $carried }。这不是预期的镜像。
finding-pin-mismatch-no-image = 离线包中没有任何容器镜像具有预期摘要 { $expected }：它不携带任何容器镜像。
finding-pinned-names = 由 { $image } 固定的镜像带有名称 { $tags }，docker load 和 podman load 会以这些名称加载它；预期摘要并不担保这些名称。
finding-image-not-pinned = 镜像 { $image } 与任何预期摘要都不一致：没有任何东西担保它。
finding-file-not-pinned = { $path } 不在任何预期摘要的担保范围内。
finding-files-not-pinned = { $path } 及另外 { $more } 个文件不在任何预期摘要的担保范围内。

## 发现：Go 模块缓存

finding-go-sum-line = { $file } 的第 { $line } 行不是带 h1: 哈希值的 go.sum 行。
finding-go-sum-conflict = { $module } 有两个不同的哈希值：{ $file } 第 { $line } 行和 { $other_file } 第 { $other_line } 行。
finding-ziphash-mismatch = { $module } 的模块 zip 哈希值为 { $actual }，但 { $file } 中为 { $expected }。
finding-go-sum-zip-mismatch = { $module } 的模块 zip 哈希值为 { $actual }，但 { $file } 第 { $line } 行为 { $expected }：该 zip 已被修改。
finding-module-zip-unreadable = 无法读取 { $module } 的模块 zip：{ $detail }。
finding-ziphash-go-sum = { $other_file } 中 { $module } 的哈希值为 { $actual }，但 { $file } 第 { $line } 行为 { $expected }：以 go.sum 为准。
finding-module-tree-changed = 解压出的模块 { $module } 哈希值为 { $actual }，但 { $file } 中为 { $expected }。
finding-module-tree-changed-list = 解压出的模块 { $module } 哈希值为 { $actual }，但 { $file } 中为 { $expected }：{ $changes }。
finding-module-tree-changed-more = 解压出的模块 { $module } 哈希值为 { $actual }，但 { $file } 中为 { $expected }：{ $changes }，以及另外 { $more } 处。
finding-go-mod-mismatch = { $module } 的 go.mod 哈希值为 { $actual }，但 { $file } 第 { $line } 行为 { $expected }：它已被修改。
finding-module-not-carried = { $file } 第 { $line } 行列出了 { $module }，但此处的模块缓存未携带它。

## 细节：通用

# 来自操作系统或第三方库的原文。
detail-io = { $detail }
# 列表："a、b、c"。
detail-join = { $first }、{ $rest }
detail-at-line = 第 { $line } 行：{ $detail }
detail-by-signature = { $signature }（密钥 { $key_id }）
detail-by-signed-list = 已签名的清单 { $list }

## 细节：路径

detail-path-empty = 路径为空
detail-path-absolute = 路径是绝对路径（以 / 开头）
detail-path-dotdot = 路径含有跳出离线包的 '..' 部分
detail-path-nul = 路径含有 NUL 字节
detail-path-windows-prefix = 路径以 Windows 驱动器或根开头（在 Windows 上会跳出）
detail-path-root = 路径指向离线包的根文件夹
detail-path-unsafe = 不安全

## 细节：清单中列出的符号链接

detail-link-not-regular = 它指向 { $target }，而后者不是普通文件
detail-link-to-meta = 它指向 { $target }——一个校验和清单或签名文件，没有任何签名逐字节为其担保
detail-link-not-listed = 它指向 { $target }，而清单没有以此内容列出后者
detail-link-content-differs = 它指向 { $target }，而后者的内容与清单中的哈希值不同
detail-link-to-folder = 它指向一个文件夹
detail-link-outside = 它指向离线包之外，或者永无终点
detail-link-to-nothing = 它在离线包中没有指向任何内容

## 细节：tar

detail-tar-truncated-header = 归档在某个 tar 头中间被截断
detail-tar-truncated-data = 归档被截断：某个条目的数据提前结束
detail-tar-sparse-data-short = 稀疏条目的数据提前结束
detail-tar-no-end-marker = 归档被截断：没有归档结束标记
detail-tar-orphan-extension = 扩展头描述的条目始终没有出现
detail-tar-ambiguous = 有歧义的 tar 头：{ $detail }
detail-tar-lone-zero-block = 单个全零块之后还有更多 tar 头（GNU tar 会警告并在此停止，`tar -i` 和其他读取器会继续）
detail-tar-field-refused = { $field } 字段被拒绝：{ $detail }
detail-tar-bad-checksum = tar 头的校验和错误（tar 头已损坏）
detail-tar-limit = { $what }为 { $size } 字节，超过上限 { $limit } 字节
detail-tar-long-name-malformed = GNU 长名称为空，或在结尾 NUL 之后还有字节
detail-tar-two-long-names = 一个条目有两个 GNU 长名称头
detail-tar-pax-global-refused = PAX 全局头被拒绝：{ $detail }
detail-tar-pax-extended-refused = PAX 扩展头被拒绝：{ $detail }
detail-tar-pax-global-sets-path = PAX 全局头设置了 path、linkpath 或 size：GNU tar 会把它应用到之后的条目，其他读取器会忽略它
detail-tar-two-pax = 一个条目有两个 PAX 头
detail-tar-pax-and-long-name = 此条目同时由 PAX 记录和 GNU 长名称头命名（各读取器会选用不同的一个）
detail-tar-file-slash = 名称以 '/' 结尾的普通文件条目（GNU tar 和 Python 会把它当作文件夹，其他工具当作文件）
detail-tar-data-on-non-file = { $kind }条目声称有 { $size } 字节的数据；各 tar 程序对这类数据的处理不一致
detail-tar-sparse-holes = 稀疏条目展开后的空洞超过 { $limit } 字节（上限）；请不使用 --sparse 重新创建归档
detail-tar-bad-magic = magic 和版本 { $magic } 既不是 POSIX ustar、GNU，也不是旧式 tar（各读取器会因此采用不同的头布局）
detail-tar-extension-no-magic = 扩展头（类型 '{ $flag }'）没有 ustar 或 GNU magic
detail-tar-ambiguous-flag = 类型标志 '{ $flag }' 对 GNU tar、bsdtar 和 Python 含义不同
detail-tar-prefix-trailing = prefix 字段在结尾 NUL 之后还有字节
detail-tar-prefix-tail = prefix 字段之后的字节不为零（star 格式的读取器会取更短的 prefix）
detail-tar-gnu-prefix = GNU 或旧式 tar 头在 POSIX 放置名称前缀的位置带有数据（Python 会把它加到名称前面，GNU tar 不会）
detail-number-base256-too-large = 它的 base-256 值过大
detail-number-base256-malformed = 它是负数或格式错误的 base-256 数字
detail-number-leading-nul = 它以 NUL 字节开头（GNU tar 把这样的字段读作 0，其他读取器不同）
detail-number-no-digits = 应为数字的位置没有八进制数字
detail-number-trailing-bytes = 八进制数字之后有 NUL 或空格以外的字节
detail-number-too-large = 它的值过大
detail-pax-malformed-value = PAX 记录 { $key } 的值格式错误（GNU tar 会拒绝该 tar 头，其他读取器忽略该记录）
detail-pax-xattr = PAX 记录 { $key } 设置了扩展属性，bsdtar 会还原它而 GNU tar 不会（且没有校验和清单覆盖它）；请不带扩展属性重新创建归档（tar --no-xattrs、bsdtar --no-xattrs --no-mac-metadata）
detail-pax-applied-elsewhere = PAX 记录 { $key } 会被 GNU tar 或 bsdtar 应用（稀疏映射、卷、转储目录、文件类型、ACL 或标签），此处无法理解
detail-pax-trailing-nul = 最后一条记录之后有 NUL 字节（GNU tar 和 Go 会拒绝，其他读取器跳过）
detail-pax-no-length = 某条记录不是以十进制长度开头
detail-pax-length-leading-zero = 某条记录的长度有前导零或过长
detail-pax-length-space = 某条记录的长度之后不是恰好一个空格（GNU tar 会跳过那里的空白，其他读取器不会）
detail-pax-length-mismatch = 某条记录的长度与其内容不符
detail-pax-no-equals = 某条记录没有 '='
detail-pax-blank-key = 记录键 { $key } 为空或含有空白（各读取器对这类键的处理不一致）
detail-pax-duplicate-key = 键 { $key } 出现了两次（各读取器保留的副本不同）
detail-pax-nul-value = { $key } 的值含有 NUL 字节（C 语言读取器会在那里截断，其他读取器不会）
detail-pax-empty-path = path 记录为空
detail-pax-size-not-decimal = size 记录不是纯十进制数字
detail-sparse-bad-map = 稀疏文件映射错误：{ $detail }
detail-sparse-field-refused = 稀疏映射的{ $field }被拒绝：{ $detail }
detail-sparse-segments = 稀疏文件的片段超过 { $limit } 个
detail-sparse-ends-in-map = 归档在映射内部结束
detail-sparse-overlap = 片段重叠或顺序错乱
detail-sparse-overflow = 数值溢出
detail-sparse-beyond-size = 某个片段超出了文件大小
detail-sparse-sum = 各片段之和与存储的数据不符

## 细节：gzip

detail-gzip-header-truncated = gzip 成员 { $member }：头部被截断
detail-gzip-bad-magic = 不是 gzip 数据流（magic 字节错误）
detail-gzip-trailing-data = gzip 成员 { $member } 之后的数据不是另一个 gzip 成员
detail-gzip-method = gzip 成员 { $member }：未知的压缩方法 { $method }
detail-gzip-reserved-flags = gzip 成员 { $member }：设置了保留的头部标志
detail-gzip-truncated = gzip 成员 { $member } 被截断（压缩数据提前结束）
detail-gzip-crc = gzip 成员 { $member }：CRC-32 不匹配（压缩数据已损坏）
detail-gzip-length = gzip 成员 { $member }：长度不匹配（压缩数据已损坏）
detail-gzip-empty = 空的 gzip 数据流

## 细节：校验和清单

detail-list-at-line = 第 { $line } 行：{ $detail }
detail-list-empty = 清单中没有校验和行
detail-list-nul = 该行含有 NUL 字节（不接受 'sha256sum --zero' 写出的清单）
detail-list-tag-case = 算法标记必须写作 'SHA256'，实际为 '{ $tag }'
detail-list-other-algorithm = 该行给出的是 { $tag } 校验和；只支持 SHA256
detail-list-tag-space = 'SHA256' 和 '(' 之间应有一个空格
detail-list-no-equals = 文件名之后应为 ') = ' 和哈希值
detail-list-after-hash = 64 位十六进制数字之后紧跟着意外的 { $found }
detail-list-hex-followed = 应为 64 位十六进制数字，实际为 { $count } 位，后跟 { $found }
detail-list-hex-count = 应为 64 位十六进制数字，实际为 { $count } 位
detail-list-hex-count-algorithm = 应为 64 位十六进制数字，实际为 { $count } 位（这是 { $algorithm } 哈希值的长度）
detail-list-no-name = 哈希值之后应为两个空格和文件名，实际已到行尾
detail-list-one-space = 哈希值和文件名之间应为两个空格（或 ' *'），实际只有一个
detail-list-separator = 哈希值和文件名之间应为两个空格（或 ' *'），实际为 { $found }
detail-list-base64 = 哈希值以 base64 书写；只支持十六进制的 SHA-256 哈希值
detail-list-text-after-hash = 哈希值之后有意外的文本：'{ $found }'
detail-list-bom = 清单以字节顺序标记（BOM）开头，而 sha256sum 从不写出它
detail-list-comment = 校验和清单中不接受注释行
detail-list-leading-space = 该行以空白开头
detail-list-not-a-line = 应为 '<64 位十六进制数字>  <文件名>' 或 'SHA256 (<文件名>) = <64 位十六进制数字>'，实际为 '{ $found }'
detail-list-bad-escape = 文件名含有转义 '{ $escape }'；只有 \\、\n 和 \r 有效
detail-list-lone-backslash = 文件名以单独的反斜杠结尾

## 细节：minisign 与 signify 的密钥和签名

detail-key-empty = 密钥为空
detail-key-missing-line = 密钥文件有 'untrusted comment:' 行，但之后没有密钥行
detail-key-unexpected-text = 密钥文件应只包含一行 'untrusted comment:' 和一行密钥，不应有其他内容
detail-key-base64 = 密钥行不是有效的 base64
detail-key-length = 密钥解码后长 { $actual } 字节；此类密钥应为 { $expected } 字节
detail-key-algorithm = 密钥的算法为 '{ $tag }'；只支持 Ed25519 密钥（'Ed'）
detail-key-invalid-point = 该密钥不是有效的 Ed25519 公钥
detail-key-weak = 该密钥是弱 Ed25519 密钥（小阶点），可能使伪造的签名通过验证；已拒绝
detail-key-encrypted = 私钥用密码加密，Airlock 无法读取。请用 'minisign -G -W' 重新生成，或用 'minisign -C -W -s KEYFILE' 去掉密码
detail-key-kdf = 私钥使用了未知的密钥派生方法 '{ $tag }'
detail-key-checksum-method = 私钥使用了未知的校验方法 '{ $tag }'
detail-key-checksum-mismatch = 私钥的校验和与其内容不符：文件已损坏
detail-key-pair-mismatch = 私钥中的公钥部分与私钥部分不对应：文件已损坏
detail-ed25519-weak-key = 公钥是弱密钥（小阶点）
detail-ed25519-non-canonical = 签名不是规范形式（可能已被篡改）
detail-ed25519-invalid-r = 签名的前半部分不是有效的曲线点
detail-ed25519-small-order-r = 签名的前半部分是小阶点
detail-ed25519-mismatch = 签名与数据和密钥不匹配
detail-minisign-missing-line = 签名文件不完整：应有 4 行，但缺少第 { $line } 行
detail-minisign-untrusted-comment = 签名文件的第一行应以 'untrusted comment:' 开头
detail-minisign-trusted-comment = 签名文件的第三行应以 'trusted comment: ' 开头
detail-minisign-base64 = 签名文件的第 { $line } 行不是有效的 base64
detail-minisign-length = 签名文件的第 { $line } 行有 { $actual } 字节；应为 { $expected } 字节
detail-minisign-algorithm = 签名使用的算法为 '{ $tag }'；只支持 'Ed' 和 'ED'（Ed25519）
detail-minisign-trailing = 签名文件在第四行之后有意外的文本
detail-minisign-bad-signature = 签名不匹配：文件在签名后被修改过，或是用另一个密钥签名的
detail-minisign-bad-global = 文件的签名有效，但受信任注释与其签名不匹配：注释在签名后被编辑过
detail-signature-other-key = 签名由密钥 ID 为 { $key_id } 的密钥生成，但给出的密钥 ID 为 { $given }
detail-comment-multiline = { $what }必须是单独一行
detail-comment-too-long = { $what }超出了 minisign 接受的长度（{ $limit } 字节）
detail-signify-untrusted-comment = 签名文件的第一行应以 'untrusted comment:' 开头
detail-signify-missing-line = 签名文件没有签名行
detail-signify-base64 = 签名行不是有效的 base64
detail-signify-length = 签名行有 { $actual } 字节；signify 签名应为 { $expected } 字节
detail-signify-algorithm = 签名使用的算法为 '{ $tag }'；只支持 Ed25519（'Ed'）
detail-signify-bad-signature = 签名不匹配：数据在签名后被修改过，或是用另一个密钥签名的
detail-signify-no-message = 签名文件在签名之后没有消息内容

## 细节：SSH

detail-ssh-namespaces = 密钥 { $key_id } 的 allowed_signers 行把它限制在命名空间 "{ $namespaces }"，其中不包括 "{ $namespace }"
detail-ssh-no-clock = 密钥 { $key_id } 只在给定时间段内有效（valid-after/valid-before），而本次运行没有时钟可用于检查
detail-ssh-not-yet-valid = 密钥 { $key_id } 尚未生效（valid-after { $time }）
detail-ssh-no-longer-valid = 密钥 { $key_id } 已失效（valid-before { $time }）
detail-rsa-too-short = RSA 密钥只有 { $bits } 位；至少需要 { $limit } 位（更短的密钥可被分解）
detail-ssh-rsa-malformed = RSA 密钥格式错误
detail-ssh-key-type = 不支持 { $algorithm } 类型的密钥（接受：ssh-ed25519、ecdsa-sha2-nistp256/384、至少 { $limit } 位的 RSA）
detail-ssh-quotes = { $text } 中的引号不配对
detail-ssh-time = { $text } 不是 YYYYMMDD[HHMM[SS]][Z] 格式的时间
detail-ssh-key-unreadable = 无法读取 { $algorithm } 密钥（{ $detail }）
detail-ssh-key-label = 密钥标注为 { $algorithm }，实际却是 { $actual } 密钥
detail-ssh-no-key-after-type = 类型之后没有密钥
detail-ssh-empty-principal = 主体为空
detail-ssh-no-key = 该行没有密钥
detail-ssh-not-key-type = { $text } 不是 SSH 密钥类型
detail-ssh-option = 未知或格式错误的选项 { $text }
detail-ssh-cert-authority = cert-authority 密钥（{ $key_id }，用于 { $principals }）为 SSH 证书担保，而 Airlock 不读取 SSH 证书；不信任该密钥
detail-ssh-no-usable-key = 文件中没有可用的 SSH 公钥
detail-ssh-no-usable-key-note = 文件中没有可用的 SSH 公钥（{ $detail }）
detail-ssh-not-text = 该文件不是文本
detail-ssh-signature-unreadable = 不是有效的 SSH 签名（{ $detail }）
detail-ssh-wrong-namespace = 它是为命名空间 "{ $actual }" 而不是 "{ $namespace }" 生成的（ssh-keygen -Y sign -n { $namespace }）：为其他用途（例如 git 提交）生成的签名绝不能为发布版本担保
detail-ssh-rsa-sha1 = 它是使用 SHA-1 的 ssh-rsa 签名；只接受 rsa-sha2-256 和 rsa-sha2-512
detail-ssh-algorithm-mismatch = 它的签名算法 { $algorithm } 与其 { $actual } 密钥不匹配

## 细节：OpenPGP

detail-openpgp-key-block = 不是可读的 OpenPGP 密钥块（{ $detail }）
detail-openpgp-key = 不是可读的 OpenPGP 密钥（{ $detail }）
detail-openpgp-no-certificate = 文件中没有 OpenPGP 证书
detail-openpgp-rsa-too-short = 签名密钥是 { $bits } 位的 RSA；至少需要 { $limit } 位（更短的密钥可被分解）
detail-openpgp-key-algorithm = 不接受签名密钥的算法（接受至少 { $limit } 位的 RSA、Ed25519、ECDSA P-256 或 P-384）
detail-openpgp-version = 不支持其版本（{ $version }）
detail-openpgp-weak-hash = 它使用哈希算法 { $algorithm }，强度太弱，不能为任何内容担保（接受 SHA-256、SHA-384、SHA-512 或 SHA-224）
detail-openpgp-signature-type = 它是 { $type } 签名，不是针对文件的签名
detail-openpgp-no-creation-time = 它没有创建时间
detail-openpgp-critical-subpacket = 它带有未知类型 { $type } 的关键子包，本验证器无法理解
detail-openpgp-critical-notation = 它带有关键注记 { $name }，本验证器无法理解
detail-openpgp-key-newer = 密钥 { $key_id } 的创建时间晚于签名
detail-openpgp-key-revoked = 密钥 { $key_id } 已被吊销
detail-openpgp-no-self-signature = 密钥 { $key_id } 没有有效的自签名
detail-openpgp-key-expired = 生成签名时密钥 { $key_id } 已过期
detail-openpgp-subkey-newer = 子密钥 { $key_id } 的创建时间晚于签名
detail-openpgp-subkey-revoked = 子密钥 { $key_id } 已被吊销
detail-openpgp-subkey-no-binding = 子密钥 { $key_id } 没有来自其主密钥的有效绑定签名
detail-openpgp-subkey-not-signing = 子密钥 { $key_id } 未标记为可用于签名
detail-openpgp-subkey-no-back-signature = 签名子密钥 { $key_id } 没有有效的反向签名（主密钥绑定），因此它可能属于别人
detail-openpgp-subkey-expired = 生成签名时子密钥 { $key_id } 已过期
detail-openpgp-primary-not-signing = 主密钥 { $key_id } 未标记为可用于签名
detail-openpgp-no-such-key = 证书中没有签名所指定的密钥
detail-openpgp-signature = 不是可读的 OpenPGP 签名（{ $detail }）
detail-openpgp-signature-packet = 文件中的第 { $number } 个签名无法读取（{ $detail }）
detail-openpgp-packet-framing = 第 { $offset } 字节处的封包长度无法读取
detail-openpgp-packet-not-signature = 文件含有类型为 { $tag } 的封包，它不是签名
detail-openpgp-armor-type = 该 ASCII 字符封装块不是签名
detail-openpgp-armor-not-key = 该 ASCII 字符封装块不是公钥块
detail-openpgp-armor-crc = 该 ASCII 字符封装块的 CRC24 行与其数据不符（gpg 同样拒绝它：“CRC error”）
detail-openpgp-armor-outside = 第 { $line } 行是位于 ASCII 字符封装的签名块之外的文本
detail-openpgp-no-signature = 文件中没有签名
detail-openpgp-not-utf8 = 已签名的消息不是 UTF-8
detail-openpgp-cleartext = 不是可读的明文签名消息（{ $detail }）
detail-openpgp-cleartext-count = 该消息的签名块含有 { $count } 个签名，但与消息一起只能读取 { $read } 个
detail-openpgp-signature-expired = 签名已过期

## 细节：容器镜像

detail-json = { $detail }
detail-json-duplicate-key = 键 "{ $key }" 出现了两次（或只有大小写不同），各读取器会取不同的值
detail-json-key-case = 键 "{ $key }" 与 "{ $expected }" 只有大小写不同，而 Go 的解码器（Docker 使用的）会把它们视为同一个键
detail-json-not-string = "{ $key }" 不是字符串
detail-json-not-list = "{ $key }" 不是列表
detail-json-not-size = "{ $key }" 不是大小数值
detail-json-not-strings = "{ $key }" 含有字符串以外的内容
detail-digest-not-sha256 = 摘要 { $digest } 不是 SHA-256 摘要
detail-digest-malformed = 摘要 { $digest } 格式错误
detail-image-no-digest = 某个描述符没有摘要
detail-image-no-manifests = 它没有 manifests
detail-image-too-many-descriptors = 超过 { $limit } 个描述符或 { $depth } 层嵌套索引
detail-image-no-config = 它没有 config
detail-image-no-layers = 它没有 layers
detail-image-no-rootfs = 它没有 rootfs
detail-image-no-diff-ids = 它没有 diff_ids
detail-image-diff-id-not-string = 某个 diff_id 不是字符串
detail-image-not-list = 它不是列表
detail-image-no-config-path = 某个镜像没有 Config
detail-carried-image-id = 镜像 ID { $digest }
detail-carried-manifest = manifest 摘要 { $digest }
detail-carried-index = index 摘要 { $digest }
detail-pin-incomplete-image = 镜像 { $image }（归档未完整携带它）
detail-pin-uncovered-image = 镜像 { $image }
detail-pin-uncovered-file = 文件 { $path }
detail-expected-digest-malformed = “{ $digest }”不是有效的预期摘要：应为 sha256: 加 64 个小写十六进制数字，即 docker images --digests 或部署配置中显示的镜像 ID 或 manifest 摘要
detail-layer-not-read = 它未被读取
detail-layer-not-decompressed = 它的名称看起来不像层，因此未解压
detail-layer-not-compressed = 未压缩
detail-layer-codec = { $codec }：{ $detail }

## 离线包中的归档

finding-nested-unreadable = { $path } 看起来是一个归档（tar 或 gzip 压缩的 tar），但无法完整读取：{ $detail }。其中可能包含的镜像或 Go 模块未检查；该文件本身已像其他文件一样检查。
detail-nested-at = { $detail }（位于其 tar 流的第 { $offset } 字节）
detail-nested-trailing = 其 tar 归档结束之后还有 { $size } 字节的隐藏数据（从第 { $offset } 字节开始）
detail-nested-too-many = 其条目超过 { $limit } 个（配置的上限）
detail-nested-too-much-memory = 其条目名称需要超过 { $limit } 字节的内存（配置的上限）

## 细节：Go 模块缓存

detail-zip-too-large = 它有 { $size } 字节，超过了模块 zip 读取上限 { $limit } 字节
detail-zip-truncated = 它被截断了
detail-zip-no-end = 它没有中央目录结束记录
detail-zip-disks = 它跨越多个磁盘
detail-zip64 = 它是 zip64 归档，而模块 zip 从不需要 zip64
detail-zip-directory-misplaced = 它的中央目录不在结束记录所说的位置
detail-zip-record-damaged = 某条中央目录记录已损坏
detail-zip-record-truncated = 某条中央目录记录被截断
detail-zip-directory-overrun = 中央目录超出了其结尾
detail-zip-name-not-utf8 = 某个文件名不是 UTF-8
detail-zip-name-repeated = 文件名 { $name } 重复或含有换行符
detail-zip-encrypted = { $name } 已加密
detail-zip-local-missing = 缺少 { $name } 的本地文件头
detail-zip-local-disagrees = { $name } 的本地文件头与中央目录不一致
detail-zip-local-sizes = { $name } 的本地文件头给出的大小与中央目录不同
detail-zip-overlap = { $name } 的数据与另一个文件的数据重叠
detail-zip-data-overrun = { $name } 的数据超出了文件区域
detail-zip-inflate = 无法解压 { $name }：{ $detail }
detail-zip-larger = { $name } 比其记录所说的大
detail-zip-method = { $name } 使用了压缩方法 { $method }
detail-zip-crc = { $name } 与其大小或 CRC-32 不符
detail-tree-added = 新增 { $path }
detail-tree-changed = 修改 { $path }
detail-tree-odd = 不是普通文件：{ $path }
detail-tree-removed = 删除 { $path }

## 放在其他句子中的词

word-file = 文件
word-directory = 文件夹
word-symlink = 符号链接
word-hardlink = 硬链接
word-char-device = 字符设备
word-block-device = 块设备
word-fifo = FIFO
word-special = 特殊条目
word-fifo-named-pipe = FIFO（命名管道）
word-special-entry = 不受支持类型的特殊条目
word-is-symlink = 符号链接
word-is-folder = 文件夹
word-is-unlisted = 不在清单中的文件
word-is-special = 特殊文件
word-gnu-long-name = GNU 长名称
word-pax-header = PAX 扩展头
word-path = 路径
word-sparse-real-size = 实际大小
word-sparse-offset = 偏移量
word-sparse-length = 长度
word-image-index = index
word-image-manifest = manifest
word-image-config = 配置
word-image-layer = 层
word-image-manifest-json = manifest.json
word-trusted-comment = 受信任注释
word-untrusted-comment = 不受信任注释
