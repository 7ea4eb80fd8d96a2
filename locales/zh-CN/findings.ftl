# Airlock 引擎：结论、结论的理由，以及每条发现的句子。术语见 ../glossary.md。

language-name = 中文

verdict-verified = 已验证
verdict-failed = 失败
verdict-unsigned = 未签名
verdict-error = 无法检查
