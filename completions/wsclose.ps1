# wsclose completion for PowerShell, generated from the command model by `wsclose completion powershell`;
# do not edit (completions/README.md says how to regenerate it). Install: add this line to your
# profile (notepad $PROFILE), with the path of this file:   . C:\path\to\wsclose.ps1

Register-ArgumentCompleter -Native -CommandName 'wsclose', 'wsclose.cmd' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    # Each command path: its subcommands, its options, and what its positional arguments complete to.
    $tree = @{
        '' = @{
            Commands = @(
                @{ Name = 'analyze'; Help = 'Reports the socket close problems of a trace, with every socket''s timeline.' },
                @{ Name = 'sockets'; Help = 'Lists every socket of a trace, one line each in creation order (the filters of analyze).' },
                @{ Name = 'timeline'; Help = 'Prints one socket''s close timeline with its reference count at each step.' },
                @{ Name = 'summary'; Help = 'Header facts, providers and event counts of .etl files (no payload decoding).' },
                @{ Name = 'events'; Help = 'Prints events in time order, one per line, with fields decoded where wsclose knows the layout.' },
                @{ Name = 'handles'; Help = 'Shows the sockets of running processes and what closing them now would do.' },
                @{ Name = 'trace'; Help = 'Traces sockets live and reports close problems as ''wsclose analyze'' does.' },
                @{ Name = 'explain'; Help = 'Explains a finding kind' },
                @{ Name = 'shell'; Help = 'Interactive shell' },
                @{ Name = 'completion'; Help = 'Prints a shell completion script for wsclose (commands, options, option values, trace files).' },
                @{ Name = 'help'; Help = 'When no COMMAND is given, the usage help for the main command is displayed.' }
            )
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $false
            Extensions = @()
        }
        'analyze' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--pid'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets of these processes.' },
                @{ Names = @('--process'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets of processes with this image name, with or without .exe, in any case.' },
                @{ Names = @('--port'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets with this local or remote port.' },
                @{ Names = @('--socket'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only this socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).' },
                @{ Names = @('--since'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only what happened from this time: ISO-8601 UTC, or an offset from the start (90s, 250ms, 2m).' },
                @{ Names = @('--until'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only what happened up to this time (same forms).' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('table', 'json', 'jsonl', 'csv'); Files = $false; Extensions = @(); Help = 'Output: table, json, jsonl, csv (default: table).' },
                @{ Names = @('--time'); TakesValue = $true; Choices = @('utc', 'local', 'relative'); Files = $false; Extensions = @(); Help = 'Times in tables: utc, local, relative (default: utc).' },
                @{ Names = @('--fail-on'); TakesValue = $true; Choices = @('error', 'warning', 'info', 'never'); Files = $false; Extensions = @(); Help = 'Exit 1 when a finding is at least this severe: error, warning, info, never (default: error).' },
                @{ Names = @('--all-sockets'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'JSON, JSONL: list every socket, not only those with findings.' },
                @{ Names = @('--pretty'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'JSON: indented for reading (compact by default).' },
                @{ Names = @('--stats'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print read statistics on stderr: MB/s, events/s, time, heap.' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $true
            Extensions = @('.etl', '.jsonl')
        }
        'sockets' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--pid'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets of these processes.' },
                @{ Names = @('--process'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets of processes with this image name, with or without .exe, in any case.' },
                @{ Names = @('--port'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets with this local or remote port.' },
                @{ Names = @('--socket'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only this socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).' },
                @{ Names = @('--since'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only what happened from this time: ISO-8601 UTC, or an offset from the start (90s, 250ms, 2m).' },
                @{ Names = @('--until'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only what happened up to this time (same forms).' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('table', 'json', 'csv'); Files = $false; Extensions = @(); Help = 'Output: table, json, csv (default: table).' },
                @{ Names = @('--time'); TakesValue = $true; Choices = @('utc', 'local', 'relative'); Files = $false; Extensions = @(); Help = 'Times in tables: utc, local, relative (default: utc).' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $true
            Extensions = @('.etl', '.jsonl')
        }
        'timeline' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--socket'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'The socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('text', 'json'); Files = $false; Extensions = @(); Help = 'Output: text, json (default: text).' },
                @{ Names = @('--time'); TakesValue = $true; Choices = @('utc', 'local', 'relative'); Files = $false; Extensions = @(); Help = 'Times: utc, local, relative (default: utc).' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $true
            Extensions = @('.etl', '.jsonl')
        }
        'summary' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('table', 'json'); Files = $false; Extensions = @(); Help = 'Output: table, json (default: table).' },
                @{ Names = @('--time'); TakesValue = $true; Choices = @('utc', 'local', 'relative'); Files = $false; Extensions = @(); Help = 'Times in tables: utc, local, relative (default: utc).' },
                @{ Names = @('--stats'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print read statistics on stderr: MB/s, events/s, time.' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $true
            Extensions = @('.etl')
        }
        'events' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('text', 'jsonl'); Files = $false; Extensions = @(); Help = 'Output: text, jsonl (default: text).' },
                @{ Names = @('--provider'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only these providers (repeatable).' },
                @{ Names = @('--id'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only these event ids (opcodes for classic events).' },
                @{ Names = @('--pid'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only events whose header has these process ids.' },
                @{ Names = @('--since'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'From this time: ISO-8601 UTC, or an offset from the trace start (90s, 250ms, 2m).' },
                @{ Names = @('--until'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Up to this time (same forms).' },
                @{ Names = @('--time'); TakesValue = $true; Choices = @('utc', 'local', 'relative'); Files = $false; Extensions = @(); Help = 'Times in text lines: utc, local, relative (default: utc; JSON is always UTC).' },
                @{ Names = @('--limit'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Stop after N events.' },
                @{ Names = @('--manifest'); TakesValue = $true; Choices = @(); Files = $true; Extensions = @(); Help = 'Decode the events of this provider manifest by name too (repeatable).' },
                @{ Names = @('--count'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print only the number of matching events (a full time-ordered walk).' },
                @{ Names = @('--stats'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print read statistics on stderr: MB/s, events/s, time.' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $true
            Extensions = @('.etl')
        }
        'handles' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--pid'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets these processes hold (repeatable).' },
                @{ Names = @('--process'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Only sockets of processes with this name (comm).' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('table', 'json', 'csv'); Files = $false; Extensions = @(); Help = 'Output: table, json, csv (default: table).' },
                @{ Names = @('--no-probe'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Never duplicate a socket to read SO_LINGER (the LINGER column stays unknown).' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $false
            Extensions = @()
        }
        'trace' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--pid'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Trace these processes, their new threads and children.' },
                @{ Names = @('--process'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Trace the running processes with this name (comm).' },
                @{ Names = @('--duration'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'Stop after this long (30s, 2m, 1h).' },
                @{ Names = @('--save'); TakesValue = $true; Choices = @(); Files = $true; Extensions = @('.jsonl', '.etl'); Help = 'Also write the normalized events (for wsclose analyze); on Windows FILE.etl saves the ETW session instead.' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('table', 'json', 'jsonl', 'csv'); Files = $false; Extensions = @(); Help = 'Output: table, json, jsonl, csv (default: table).' },
                @{ Names = @('--time'); TakesValue = $true; Choices = @('utc', 'local', 'relative'); Files = $false; Extensions = @(); Help = 'Times in tables: utc, local, relative (default: utc).' },
                @{ Names = @('--fail-on'); TakesValue = $true; Choices = @('error', 'warning', 'info', 'never'); Files = $false; Extensions = @(); Help = 'Exit 1 when a finding is at least this severe: error, warning, info, never (default: error).' },
                @{ Names = @('--all-sockets'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'JSON, JSONL: list every socket, not only those with findings.' },
                @{ Names = @('--pretty'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'JSON: indented for reading (compact by default).' },
                @{ Names = @('--sample-interval'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'How often socket queues are sampled, in ms (default: 100).' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $false
            Extensions = @()
        }
        'explain' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--format'); TakesValue = $true; Choices = @('text', 'json'); Files = $false; Extensions = @(); Help = 'Output: text, json (default: text).' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @('use-after-close', 'aborted-pending-op', 'lost-send-data', 'unread-data-reset', 'linger-timeout', 'leak', 'double-close', 'handle-reuse')
            Files = $false
            Extensions = @()
        }
        'shell' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('--history'); TakesValue = $true; Choices = @(); Files = $false; Extensions = @(); Help = 'History file (default: .wsclose_history in the home directory).' },
                @{ Names = @('--no-history'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Keep no history file.' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @()
            Files = $true
            Extensions = @('.etl', '.jsonl')
        }
        'completion' = @{
            Commands = @()
            Options = @(
                @{ Names = @('--verbose'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print stack traces, read statistics and the tracer''s bookkeeping on stderr.' },
                @{ Names = @('-q', '--quiet'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No progress or warnings on stderr.' },
                @{ Names = @('--no-color'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'No colours: the same as --color=never.' },
                @{ Names = @('--color'); TakesValue = $true; Choices = @('auto', 'always', 'never'); Files = $false; Extensions = @(); Help = 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).' },
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show this help message and exit.' },
                @{ Names = @('-V', '--version'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Print version information and exit.' }
            )
            Choices = @('bash', 'zsh', 'fish', 'powershell')
            Files = $false
            Extensions = @()
        }
        'help' = @{
            Commands = @()
            Options = @(
                @{ Names = @('-h', '--help'); TakesValue = $false; Choices = @(); Files = $false; Extensions = @(); Help = 'Show usage help for the help command and exit.' }
            )
            Choices = @()
            Files = $false
            Extensions = @()
        }
    }

    if ($null -eq $wordToComplete) {
        $wordToComplete = ''
    }
    # The words before the one being completed; the first is the command name.
    $words = @()
    foreach ($element in $commandAst.CommandElements) {
        if ($element.Extent.EndOffset -lt $cursorPosition) {
            $words += $element.Extent.Text
        }
    }
    $path = ''
    for ($i = 1; $i -lt $words.Count; $i++) {
        $next = if ($path -eq '') { $words[$i] } else { $path + ' ' + $words[$i] }
        if ($tree.ContainsKey($next)) {
            $path = $next
        }
    }
    $node = $tree[$path]
    $previous = if ($words.Count -gt 1) { $words[$words.Count - 1] } else { '' }

    $valueOf = $null
    foreach ($option in $node.Options) {
        if ($option.TakesValue -and ($option.Names -contains $previous)) {
            $valueOf = $option
        }
    }
    $values = @()
    $files = $false
    $extensions = @()
    if ($null -ne $valueOf) {
        $values = $valueOf.Choices
        $files = $valueOf.Files
        $extensions = $valueOf.Extensions
    } elseif ($wordToComplete.StartsWith('-')) {
        foreach ($option in $node.Options) {
            foreach ($name in $option.Names) {
                if ($name.StartsWith($wordToComplete)) {
                    [System.Management.Automation.CompletionResult]::new($name, $name, 'ParameterName', $option.Help)
                }
            }
        }
        return
    } else {
        foreach ($command in $node.Commands) {
            if ($command.Name.StartsWith($wordToComplete)) {
                [System.Management.Automation.CompletionResult]::new($command.Name, $command.Name, 'Command', $command.Help)
            }
        }
        $values = $node.Choices
        $files = $node.Files
        $extensions = $node.Extensions
    }
    foreach ($value in $values) {
        if ($value.StartsWith($wordToComplete)) {
            [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $value)
        }
    }
    if ($files) {
        # Directories (to walk into) and the files with one of the extensions (any file when none),
        # relative to the directory typed so far.
        $parent = ''
        $leaf = $wordToComplete.Trim('''', '"')
        $cut = $leaf.LastIndexOfAny([char[]]@('/', '\'))
        if ($cut -ge 0) {
            $parent = $leaf.Substring(0, $cut + 1)
            $leaf = $leaf.Substring($cut + 1)
        }
        $where = if ($parent -eq '') { '.' } else { $parent }
        Get-ChildItem -Path $where -Force -ErrorAction SilentlyContinue | Where-Object {
            $_.Name.StartsWith($leaf, [System.StringComparison]::OrdinalIgnoreCase) -and
                ($_.PSIsContainer -or $extensions.Count -eq 0 -or ($extensions -contains $_.Extension.ToLowerInvariant()))
        } | ForEach-Object {
            $shown = $parent + $_.Name
            $type = 'ProviderItem'
            if ($_.PSIsContainer) {
                $shown += [System.IO.Path]::DirectorySeparatorChar
                $type = 'ProviderContainer'
            }
            $text = $shown
            if ($text -match '[\s''`$&(){}@;,]') {
                $text = "'" + ($text -replace "'", "''") + "'"
            }
            [System.Management.Automation.CompletionResult]::new($text, $shown, $type, $shown)
        }
    }
}
