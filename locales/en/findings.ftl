# Airlock's engine: verdicts, the reason for a verdict, and every finding's sentence.
# One message per sentence; parameters are named for what they hold ($path, $list, $line, …).

language-name = English

verdict-verified = verified
verdict-failed = failed
verdict-unsigned = unsigned
verdict-error = error

# Transitional: a sentence not yet in the catalogue (removed when every finding has its message).
finding-untranslated = { $message }
reason-untranslated = { $reason }
