#!/usr/bin/env bash
# wsclose completion for bash, generated from the command model by `wsclose completion bash`;
# do not edit (completions/README.md says how to regenerate it). Install:
#   source this file from ~/.bashrc, or copy it to ~/.local/share/bash-completion/completions/wsclose
#

if [ -n "$BASH_VERSION" ]; then
  # Enable programmable completion facilities when using bash
  shopt -s progcomp
elif [ -n "$ZSH_VERSION" ]; then
  # Make alias a distinct command for completion purposes when using zsh
  setopt COMPLETE_ALIASES
  alias compopt=complete

  # Enable bash completion in zsh
  # Only initialize completions module once to avoid unregistering existing completions.
  if ! type compdef > /dev/null; then
    autoload -U +X compinit && compinit
  fi
  autoload -U +X bashcompinit && bashcompinit
fi

# CompWordsContainsArray takes an array and then checks
# if all elements of this array are in the global COMP_WORDS array.
#
# Returns zero (no error) if all elements of the array are in the COMP_WORDS array,
# otherwise returns 1 (error).
function CompWordsContainsArray() {
  declare -a localArray
  localArray=("$@")
  local findme
  for findme in "${localArray[@]}"; do
    if ElementNotInCompWords "$findme"; then return 1; fi
  done
  return 0
}
function ElementNotInCompWords() {
  local findme="$1"
  local element
  for element in "${COMP_WORDS[@]}"; do
    if [[ "$findme" = "$element" ]]; then return 1; fi
  done
  return 0
}

# The `currentPositionalIndex` function calculates the index of the current positional parameter.
#
# currentPositionalIndex takes three parameters:
# the command name,
# a space-separated string with the names of options that take a parameter, and
# a space-separated string with the names of boolean options (that don't take any params).
# When done, this function echos the current positional index to std_out.
#
# Example usage:
# local currIndex=$(currentPositionalIndex "mysubcommand" "$ARG_OPTS" "$FLAG_OPTS")
function currentPositionalIndex() {
  local commandName="$1"
  local optionsWithArgs="$2"
  local booleanOptions="$3"
  local previousWord
  local result=0

  for i in $(seq $((COMP_CWORD - 1)) -1 0); do
    previousWord=${COMP_WORDS[i]}
    if [ "${previousWord}" = "$commandName" ]; then
      break
    fi
    if [[ "${optionsWithArgs}" =~ ${previousWord} ]]; then
      ((result-=2)) # Arg option and its value not counted as positional param
    elif [[ "${booleanOptions}" =~ ${previousWord} ]]; then
      ((result-=1)) # Flag option itself not counted as positional param
    fi
    ((result++))
  done
  echo "$result"
}

# compReplyArray generates a list of completion suggestions based on an array, ensuring all values are properly escaped.
#
# compReplyArray takes a single parameter: the array of options to be displayed
#
# The output is echoed to std_out, one option per line.
#
# Example usage:
# local options=("foo", "bar", "baz")
# local IFS=$'\n'
# COMPREPLY=($(compReplyArray "${options[@]}"))
function compReplyArray() {
  declare -a options
  options=("$@")
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local i
  local quoted
  local optionList=()

  for (( i=0; i<${#options[@]}; i++ )); do
    # Double escape, since we want escaped values, but compgen -W expands the argument
    printf -v quoted %q "${options[i]}"
    quoted=\'${quoted//\'/\'\\\'\'}\'

    optionList[i]=$quoted
  done

  # We also have to add another round of escaping to $curr_word.
  curr_word=${curr_word//\\/\\\\}
  curr_word=${curr_word//\'/\\\'}

  # Actually generate completions.
  local IFS=$'\n'
  echo -e "$(compgen -W "${optionList[*]}" -- "$curr_word")"
}

# Bash completion entry point function.
# _complete_wsclose finds which commands and subcommands have been specified
# on the command line and delegates to the appropriate function
# to generate possible options and subcommands for the last specified subcommand.
function _complete_wsclose() {
  # Edge case: if command line has no space after subcommand, then don't assume this subcommand is selected (remkop/picocli#1468).
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} analyze" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} sockets" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} timeline" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} summary" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} events" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} handles" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} trace" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} explain" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} shell" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} completion" ];    then _picocli_wsclose; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} help" ];    then _picocli_wsclose; return $?; fi

  # Find the longest sequence of subcommands and call the bash function for that subcommand.
  local cmds0=(analyze)
  local cmds1=(sockets)
  local cmds2=(timeline)
  local cmds3=(summary)
  local cmds4=(events)
  local cmds5=(handles)
  local cmds6=(trace)
  local cmds7=(explain)
  local cmds8=(shell)
  local cmds9=(completion)
  local cmds10=(help)

  if CompWordsContainsArray "${cmds10[@]}"; then _picocli_wsclose_help; return $?; fi
  if CompWordsContainsArray "${cmds9[@]}"; then _picocli_wsclose_completion; return $?; fi
  if CompWordsContainsArray "${cmds8[@]}"; then _picocli_wsclose_shell; return $?; fi
  if CompWordsContainsArray "${cmds7[@]}"; then _picocli_wsclose_explain; return $?; fi
  if CompWordsContainsArray "${cmds6[@]}"; then _picocli_wsclose_trace; return $?; fi
  if CompWordsContainsArray "${cmds5[@]}"; then _picocli_wsclose_handles; return $?; fi
  if CompWordsContainsArray "${cmds4[@]}"; then _picocli_wsclose_events; return $?; fi
  if CompWordsContainsArray "${cmds3[@]}"; then _picocli_wsclose_summary; return $?; fi
  if CompWordsContainsArray "${cmds2[@]}"; then _picocli_wsclose_timeline; return $?; fi
  if CompWordsContainsArray "${cmds1[@]}"; then _picocli_wsclose_sockets; return $?; fi
  if CompWordsContainsArray "${cmds0[@]}"; then _picocli_wsclose_analyze; return $?; fi

  # No subcommands were specified; generate completions for the top-level command.
  _picocli_wsclose; return $?;
}

# Generates completions for the options and subcommands of the `wsclose` command.
function _picocli_wsclose() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="analyze sockets timeline summary events handles trace explain shell completion help"
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color'"
  local WHEN_option_args=("auto" "always" "never") # --color values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `analyze` subcommand.
function _picocli_wsclose_analyze() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '--all-sockets' '--pretty' '--stats' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--pid' '--process' '--port' '--socket' '--since' '--until' '--format' '--time' '--fail-on'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("table" "json" "jsonl" "csv") # --format values
  local CLOCK_option_args=("utc" "local" "relative") # --time values
  local LEVEL_option_args=("error" "warning" "info" "never") # --fail-on values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--pid')
      return
      ;;
    '--process')
      return
      ;;
    '--port')
      return
      ;;
    '--socket')
      return
      ;;
    '--since')
      return
      ;;
    '--until')
      return
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--time')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${CLOCK_option_args[@]}" ) )
      return $?
      ;;
    '--fail-on')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${LEVEL_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "analyze" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 2147483647 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( _wsclose_files "${curr_word}" etl jsonl ) # directories and .etl, .jsonl files
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `sockets` subcommand.
function _picocli_wsclose_sockets() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--pid' '--process' '--port' '--socket' '--since' '--until' '--format' '--time'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("table" "json" "csv") # --format values
  local CLOCK_option_args=("utc" "local" "relative") # --time values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--pid')
      return
      ;;
    '--process')
      return
      ;;
    '--port')
      return
      ;;
    '--socket')
      return
      ;;
    '--since')
      return
      ;;
    '--until')
      return
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--time')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${CLOCK_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "sockets" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 2147483647 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( _wsclose_files "${curr_word}" etl jsonl ) # directories and .etl, .jsonl files
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `timeline` subcommand.
function _picocli_wsclose_timeline() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--socket' '--format' '--time'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("text" "json") # --format values
  local CLOCK_option_args=("utc" "local" "relative") # --time values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--socket')
      return
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--time')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${CLOCK_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "timeline" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 2147483647 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( _wsclose_files "${curr_word}" etl jsonl ) # directories and .etl, .jsonl files
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `summary` subcommand.
function _picocli_wsclose_summary() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '--stats' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--format' '--time'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("table" "json") # --format values
  local CLOCK_option_args=("utc" "local" "relative") # --time values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--time')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${CLOCK_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "summary" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 2147483647 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( _wsclose_files "${curr_word}" etl ) # directories and .etl files
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `events` subcommand.
function _picocli_wsclose_events() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '--count' '--stats' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--format' '--provider' '--id' '--pid' '--since' '--until' '--time' '--limit' '--manifest'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("text" "jsonl") # --format values
  local CLOCK_option_args=("utc" "local" "relative") # --time values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--provider')
      return
      ;;
    '--id')
      return
      ;;
    '--pid')
      return
      ;;
    '--since')
      return
      ;;
    '--until')
      return
      ;;
    '--time')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${CLOCK_option_args[@]}" ) )
      return $?
      ;;
    '--limit')
      return
      ;;
    '--manifest')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( _wsclose_files "${curr_word}" ) ) # directories and files
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "events" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 2147483647 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( _wsclose_files "${curr_word}" etl ) # directories and .etl files
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `handles` subcommand.
function _picocli_wsclose_handles() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '--no-probe' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--pid' '--process' '--format'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("table" "json" "csv") # --format values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--pid')
      return
      ;;
    '--process')
      return
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `trace` subcommand.
function _picocli_wsclose_trace() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '--all-sockets' '--pretty' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--pid' '--process' '--duration' '--save' '--format' '--time' '--fail-on' '--sample-interval'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("table" "json" "jsonl" "csv") # --format values
  local CLOCK_option_args=("utc" "local" "relative") # --time values
  local LEVEL_option_args=("error" "warning" "info" "never") # --fail-on values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--pid')
      return
      ;;
    '--process')
      return
      ;;
    '--duration')
      return
      ;;
    '--save')
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      COMPREPLY=( $( _wsclose_files "${curr_word}" jsonl etl ) ) # directories and .jsonl, .etl files
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--time')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${CLOCK_option_args[@]}" ) )
      return $?
      ;;
    '--fail-on')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${LEVEL_option_args[@]}" ) )
      return $?
      ;;
    '--sample-interval')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `explain` subcommand.
function _picocli_wsclose_explain() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--format'"
  local WHEN_option_args=("auto" "always" "never") # --color values
  local FORMAT_option_args=("text" "json") # --format values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--format')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
  esac
  local KIND_pos_param_args=("use-after-close" "aborted-pending-op" "lost-send-data" "unread-data-reset" "linger-timeout" "leak" "double-close" "handle-reuse") # 0-0 values

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "explain" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 0 )); then
      positionals=$( compReplyArray "${KIND_pos_param_args[@]}" )
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `shell` subcommand.
function _picocli_wsclose_shell() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '--no-history' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color' '--history'"
  local WHEN_option_args=("auto" "always" "never") # --color values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
    '--history')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "shell" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 2147483647 )); then
      local IFS=$'\n'
      type compopt &>/dev/null && compopt -o filenames
      positionals=$( _wsclose_files "${curr_word}" etl jsonl ) # directories and .etl, .jsonl files
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `completion` subcommand.
function _picocli_wsclose_completion() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--verbose' '-q' '--quiet' '--no-color' '-h' '--help' '-V' '--version'"
  local arg_opts="'--color'"
  local WHEN_option_args=("auto" "always" "never") # --color values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--color')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${WHEN_option_args[@]}" ) )
      return $?
      ;;
  esac
  local SHELL_pos_param_args=("bash" "zsh" "fish" "powershell") # 0-0 values

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local currIndex
    currIndex=$(currentPositionalIndex "completion" "${arg_opts}" "${flag_opts}")
    if (( currIndex >= 0 && currIndex <= 0 )); then
      positionals=$( compReplyArray "${SHELL_pos_param_args[@]}" )
    fi
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `help` subcommand.
function _picocli_wsclose_help() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}

  local commands="analyze sockets timeline summary events handles trace explain shell completion"
  local flag_opts="'-h' '--help'"
  local arg_opts=""

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Define a completion specification (a compspec) for the
# `wsclose`, `wsclose.sh`, and `wsclose.bash` commands.
# Uses the bash `complete` builtin to specify that shell function
# `_complete_wsclose` is responsible for generating possible completions for the
# current word on the command line.
# The `-o default` option means that if the function generated no matches, the
# default Bash completions and the Readline default filename completions are performed.
# _wsclose_files WORD [EXTENSION...] prints the directories, and the files with one of the extensions
# (every file when none is given), whose names start with WORD, one per line.
function _wsclose_files() {
  local IFS=$'\n'
  local word="$1"
  shift
  local f e
  for f in $(compgen -f -- "$word"); do
    if [[ -d "$f" || $# -eq 0 ]]; then
      printf '%s\n' "$f"
      continue
    fi
    for e in "$@"; do
      if [[ "$f" == *."$e" ]]; then
        printf '%s\n' "$f"
        break
      fi
    done
  done
}

complete -F _complete_wsclose -o default wsclose wsclose.sh wsclose.bash wsclose.cmd
