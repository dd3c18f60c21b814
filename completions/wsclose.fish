# wsclose completion for fish, generated from the command model by `wsclose completion fish`;
# do not edit (completions/README.md says how to regenerate it). Install:
#   copy this file to ~/.config/fish/completions/wsclose.fish

# The command paths wsclose knows, to tell subcommands from argument values.
set -g __wsclose_commands 'analyze' 'sockets' 'timeline' 'summary' 'events' 'handles' 'trace' 'explain' 'shell' 'completion' 'help'

# True when the subcommand path typed so far is exactly $argv[1] ('' for the top command).
function __wsclose_using
    set -l path ''
    for t in (commandline -opc)[2..-1]
        set -l next (string trim -- "$path $t")
        if contains -- $next $__wsclose_commands
            set path $next
        end
    end
    test "$path" = "$argv[1]"
end

# Directories (to walk into), and the files with one of the extensions given (any file when none),
# whose names start with the current word.
function __wsclose_files
    set -l word (commandline -ct)
    for f in $word*
        if test -d $f
            printf '%s/
' $f
        else if test (count $argv) -eq 0
            printf '%s
' $f
        else
            for e in $argv
                if string match -q -- "*.$e" $f
                    printf '%s
' $f
                    break
                end
            end
        end
    end
end

# No plain file names unless an argument is a file.
complete -c wsclose -f

# wsclose
complete -c wsclose -n '__wsclose_using \'\'' -a 'analyze' -d 'Reports the socket close problems of a trace, with every socket\'s timeline.'
complete -c wsclose -n '__wsclose_using \'\'' -a 'sockets' -d 'Lists every socket of a trace, one line each in creation order (the filters of analyze).'
complete -c wsclose -n '__wsclose_using \'\'' -a 'timeline' -d 'Prints one socket\'s close timeline with its reference count at each step.'
complete -c wsclose -n '__wsclose_using \'\'' -a 'summary' -d 'Header facts, providers and event counts of .etl files (no payload decoding).'
complete -c wsclose -n '__wsclose_using \'\'' -a 'events' -d 'Prints events in time order, one per line, with fields decoded where wsclose knows the layout.'
complete -c wsclose -n '__wsclose_using \'\'' -a 'handles' -d 'Shows the sockets of running processes and what closing them now would do.'
complete -c wsclose -n '__wsclose_using \'\'' -a 'trace' -d 'Traces sockets live and reports close problems as \'wsclose analyze\' does.'
complete -c wsclose -n '__wsclose_using \'\'' -a 'explain' -d 'Explains a finding kind'
complete -c wsclose -n '__wsclose_using \'\'' -a 'shell' -d 'Interactive shell'
complete -c wsclose -n '__wsclose_using \'\'' -a 'completion' -d 'Prints a shell completion script for wsclose (commands, options, option values, trace files).'
complete -c wsclose -n '__wsclose_using \'\'' -a 'help' -d 'When no COMMAND is given, the usage help for the main command is displayed.'
complete -c wsclose -n '__wsclose_using \'\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'\'' -s V -l version -d 'Print version information and exit.'

# wsclose analyze
complete -c wsclose -n '__wsclose_using \'analyze\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l pid -x -d 'Only sockets of these processes.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l process -x -d 'Only sockets of processes with this image name, with or without .exe, in any case.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l port -x -d 'Only sockets with this local or remote port.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l socket -x -d 'Only this socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l since -x -d 'Only what happened from this time: ISO-8601 UTC, or an offset from the start (90s, 250ms, 2m).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l until -x -d 'Only what happened up to this time (same forms).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l format -x -a 'table json jsonl csv' -d 'Output: table, json, jsonl, csv (default: table).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l time -x -a 'utc local relative' -d 'Times in tables: utc, local, relative (default: utc).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l fail-on -x -a 'error warning info never' -d 'Exit 1 when a finding is at least this severe: error, warning, info, never (default: error).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l all-sockets -d 'JSON, JSONL: list every socket, not only those with findings.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l pretty -d 'JSON: indented for reading (compact by default).'
complete -c wsclose -n '__wsclose_using \'analyze\'' -l stats -d 'Print read statistics on stderr: MB/s, events/s, time, heap.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'analyze\'' -a '(__wsclose_files etl jsonl)'

# wsclose sockets
complete -c wsclose -n '__wsclose_using \'sockets\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l pid -x -d 'Only sockets of these processes.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l process -x -d 'Only sockets of processes with this image name, with or without .exe, in any case.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l port -x -d 'Only sockets with this local or remote port.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l socket -x -d 'Only this socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l since -x -d 'Only what happened from this time: ISO-8601 UTC, or an offset from the start (90s, 250ms, 2m).'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l until -x -d 'Only what happened up to this time (same forms).'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l format -x -a 'table json csv' -d 'Output: table, json, csv (default: table).'
complete -c wsclose -n '__wsclose_using \'sockets\'' -l time -x -a 'utc local relative' -d 'Times in tables: utc, local, relative (default: utc).'
complete -c wsclose -n '__wsclose_using \'sockets\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'sockets\'' -a '(__wsclose_files etl jsonl)'

# wsclose timeline
complete -c wsclose -n '__wsclose_using \'timeline\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'timeline\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'timeline\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'timeline\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'timeline\'' -l socket -x -d 'The socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).'
complete -c wsclose -n '__wsclose_using \'timeline\'' -l format -x -a 'text json' -d 'Output: text, json (default: text).'
complete -c wsclose -n '__wsclose_using \'timeline\'' -l time -x -a 'utc local relative' -d 'Times: utc, local, relative (default: utc).'
complete -c wsclose -n '__wsclose_using \'timeline\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'timeline\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'timeline\'' -a '(__wsclose_files etl jsonl)'

# wsclose summary
complete -c wsclose -n '__wsclose_using \'summary\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'summary\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'summary\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'summary\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'summary\'' -l format -x -a 'table json' -d 'Output: table, json (default: table).'
complete -c wsclose -n '__wsclose_using \'summary\'' -l time -x -a 'utc local relative' -d 'Times in tables: utc, local, relative (default: utc).'
complete -c wsclose -n '__wsclose_using \'summary\'' -l stats -d 'Print read statistics on stderr: MB/s, events/s, time.'
complete -c wsclose -n '__wsclose_using \'summary\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'summary\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'summary\'' -a '(__wsclose_files etl)'

# wsclose events
complete -c wsclose -n '__wsclose_using \'events\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'events\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'events\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'events\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'events\'' -l format -x -a 'text jsonl' -d 'Output: text, jsonl (default: text).'
complete -c wsclose -n '__wsclose_using \'events\'' -l provider -x -d 'Only these providers (repeatable).'
complete -c wsclose -n '__wsclose_using \'events\'' -l id -x -d 'Only these event ids (opcodes for classic events).'
complete -c wsclose -n '__wsclose_using \'events\'' -l pid -x -d 'Only events whose header has these process ids.'
complete -c wsclose -n '__wsclose_using \'events\'' -l since -x -d 'From this time: ISO-8601 UTC, or an offset from the trace start (90s, 250ms, 2m).'
complete -c wsclose -n '__wsclose_using \'events\'' -l until -x -d 'Up to this time (same forms).'
complete -c wsclose -n '__wsclose_using \'events\'' -l time -x -a 'utc local relative' -d 'Times in text lines: utc, local, relative (default: utc; JSON is always UTC).'
complete -c wsclose -n '__wsclose_using \'events\'' -l limit -x -d 'Stop after N events.'
complete -c wsclose -n '__wsclose_using \'events\'' -l manifest -x -a '(__wsclose_files)' -d 'Decode the events of this provider manifest by name too (repeatable).'
complete -c wsclose -n '__wsclose_using \'events\'' -l count -d 'Print only the number of matching events (a full time-ordered walk).'
complete -c wsclose -n '__wsclose_using \'events\'' -l stats -d 'Print read statistics on stderr: MB/s, events/s, time.'
complete -c wsclose -n '__wsclose_using \'events\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'events\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'events\'' -a '(__wsclose_files etl)'

# wsclose handles
complete -c wsclose -n '__wsclose_using \'handles\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'handles\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'handles\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'handles\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'handles\'' -l pid -x -d 'Only sockets these processes hold (repeatable).'
complete -c wsclose -n '__wsclose_using \'handles\'' -l process -x -d 'Only sockets of processes with this name (comm).'
complete -c wsclose -n '__wsclose_using \'handles\'' -l format -x -a 'table json csv' -d 'Output: table, json, csv (default: table).'
complete -c wsclose -n '__wsclose_using \'handles\'' -l no-probe -d 'Never duplicate a socket to read SO_LINGER (the LINGER column stays unknown).'
complete -c wsclose -n '__wsclose_using \'handles\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'handles\'' -s V -l version -d 'Print version information and exit.'

# wsclose trace
complete -c wsclose -n '__wsclose_using \'trace\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'trace\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'trace\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'trace\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'trace\'' -l pid -x -d 'Trace these processes, their new threads and children.'
complete -c wsclose -n '__wsclose_using \'trace\'' -l process -x -d 'Trace the running processes with this name (comm).'
complete -c wsclose -n '__wsclose_using \'trace\'' -l duration -x -d 'Stop after this long (30s, 2m, 1h).'
complete -c wsclose -n '__wsclose_using \'trace\'' -l save -x -a '(__wsclose_files jsonl etl)' -d 'Also write the normalized events (for wsclose analyze); on Windows FILE.etl saves the ETW session instead.'
complete -c wsclose -n '__wsclose_using \'trace\'' -l format -x -a 'table json jsonl csv' -d 'Output: table, json, jsonl, csv (default: table).'
complete -c wsclose -n '__wsclose_using \'trace\'' -l time -x -a 'utc local relative' -d 'Times in tables: utc, local, relative (default: utc).'
complete -c wsclose -n '__wsclose_using \'trace\'' -l fail-on -x -a 'error warning info never' -d 'Exit 1 when a finding is at least this severe: error, warning, info, never (default: error).'
complete -c wsclose -n '__wsclose_using \'trace\'' -l all-sockets -d 'JSON, JSONL: list every socket, not only those with findings.'
complete -c wsclose -n '__wsclose_using \'trace\'' -l pretty -d 'JSON: indented for reading (compact by default).'
complete -c wsclose -n '__wsclose_using \'trace\'' -l sample-interval -x -d 'How often socket queues are sampled, in ms (default: 100).'
complete -c wsclose -n '__wsclose_using \'trace\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'trace\'' -s V -l version -d 'Print version information and exit.'

# wsclose explain
complete -c wsclose -n '__wsclose_using \'explain\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'explain\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'explain\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'explain\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'explain\'' -l format -x -a 'text json' -d 'Output: text, json (default: text).'
complete -c wsclose -n '__wsclose_using \'explain\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'explain\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'explain\'' -a 'use-after-close aborted-pending-op lost-send-data unread-data-reset linger-timeout leak double-close handle-reuse' -d 'KIND'

# wsclose shell
complete -c wsclose -n '__wsclose_using \'shell\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'shell\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'shell\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'shell\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'shell\'' -l history -x -d 'History file (default: .wsclose_history in the home directory).'
complete -c wsclose -n '__wsclose_using \'shell\'' -l no-history -d 'Keep no history file.'
complete -c wsclose -n '__wsclose_using \'shell\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'shell\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'shell\'' -a '(__wsclose_files etl jsonl)'

# wsclose completion
complete -c wsclose -n '__wsclose_using \'completion\'' -l verbose -d 'Print stack traces, read statistics and the tracer\'s bookkeeping on stderr.'
complete -c wsclose -n '__wsclose_using \'completion\'' -s q -l quiet -d 'No progress or warnings on stderr.'
complete -c wsclose -n '__wsclose_using \'completion\'' -l no-color -d 'No colours: the same as --color=never.'
complete -c wsclose -n '__wsclose_using \'completion\'' -l color -x -a 'auto always never' -d 'Colours in tables: auto, always, never (default: auto: on a terminal, unless NO_COLOR is set or TERM=dumb).'
complete -c wsclose -n '__wsclose_using \'completion\'' -s h -l help -d 'Show this help message and exit.'
complete -c wsclose -n '__wsclose_using \'completion\'' -s V -l version -d 'Print version information and exit.'
complete -c wsclose -n '__wsclose_using \'completion\'' -a 'bash zsh fish powershell' -d 'SHELL'

# wsclose help
complete -c wsclose -n '__wsclose_using \'help\'' -s h -l help -d 'Show usage help for the help command and exit.'

