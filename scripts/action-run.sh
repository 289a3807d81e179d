#!/usr/bin/env bash
# The "Run compass-lint" step of the GitHub Action (action.yml): works out what to check, runs
# compass-lint with --format github (annotations, command-proof log, job summary), then a second time
# with --format sarif to the sarif-file input, or else --format json to a temporary file. The step's
# outputs (errors, warnings, stale-actions) are counted from that file by scripts/action-tools.py:
# data, not the text of the log. The second run costs little: it reads the first run's result cache.
#
# Inputs arrive only as environment variables (INPUT_PATHS, INPUT_ARGS, INPUT_CONFIG, INPUT_FAIL_ON,
# INPUT_SARIF_FILE, INPUT_SUMMARY): action.yml never writes ${{ inputs.* }} into shell code, where a
# crafted value would run as a command, and nothing here evals them: the args input is split on blanks
# into words, each passed as one argument. File names come from the repository, so they are only ever
# printed inside a ::stop-commands:: block: no file name can issue a workflow command.
#
# Also read: COMPASS_LINT (the executable; default: compass-lint on PATH; the Python beside it runs
# scripts/action-tools.py), and what the runner sets: GITHUB_WORKSPACE, GITHUB_EVENT_NAME,
# GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP.
# Kept to bash 3.2 (macOS): no mapfile, no ${var,,}, no globstar (globs are expanded by Python),
# empty arrays expanded as ${a[@]+"${a[@]}"}.
set -euo pipefail

compass_lint=${COMPASS_LINT:-compass-lint}
config=${INPUT_CONFIG:-}
sarif_file=${INPUT_SARIF_FILE:-}
tools="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/action-tools.py"
temp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/compass-lint.XXXXXX")
trap 'rm -rf "$temp"' EXIT

# The Python of compass-lint's own virtual environment (it has the standard library the tools need).
python=$(dirname -- "$(command -v -- "$compass_lint" || echo "$compass_lint")")/python
if ! [[ -x $python ]]; then
  python=$(command -v python3 || command -v python) || { echo "::error title=compass-lint::no Python found"; exit 2; }
fi

# A workflow command's message, escaped as the Actions toolkit does (a value can hold no command then).
escape() {
  local text=${1//%/%25}
  text=${text//$'\r'/%0D}
  printf '%s' "${text//$'\n'/%0A}"
}

fail() {
  echo "::error title=compass-lint::$(escape "$1")"
  exit 2
}

# Print the arguments one per line where the runner does not read workflow commands.
inert() {
  local token
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  echo "::stop-commands::$token"
  printf '%s\n' "$@"
  echo "::$token::"
}

options=(--format github)
case $(printf '%s' "${INPUT_FAIL_ON:-error}" | tr '[:upper:]' '[:lower:]') in
  error) ;;
  warning) options+=(--strict) ;;
  never) options+=(--exit-zero) ;;
  *) fail "the fail-on input must be error, warning or never" ;;
esac
case $(printf '%s' "${INPUT_SUMMARY:-true}" | tr '[:upper:]' '[:lower:]') in
  true) summary=true ;;
  false) summary=false; options+=(--no-summary) ;;
  *) fail "the summary input must be true or false" ;;
esac
common=()
if [[ -n $config ]]; then
  common+=(--config "$config")
fi

# The args input: words separated by blanks or newlines, each passed as one argument to check. No
# quoting, no escapes, no variables, no globs: a quote or a backslash is refused rather than taken
# literally by surprise, and so is a word that would start a workflow command in an error message.
extra=()
if [[ -n ${INPUT_ARGS:-} ]]; then
  case $INPUT_ARGS in
    *[\'\"\\]*) fail "the args input is split on blanks only: write it without quotes or backslashes (--select=CL1,CL3)" ;;
  esac
  set -f # a word such as CL* stays a word
  old_ifs=$IFS
  IFS=$' \t\n'
  for word in $INPUT_ARGS; do
    case $word in
      ::*) fail "the args input has a word starting with '::'" ;;
      --format | --format=* | --output-format | --output-format=* | --output | --output=* | -o*)
        fail "the args input cannot set the output ($word): the action writes the github format, and SARIF with the sarif-file input" ;;
      --strict | --exit-zero) fail "the args input cannot set $word: use the fail-on input" ;;
      --no-summary) fail "the args input cannot set --no-summary: use the summary input" ;;
    esac
    extra+=("$word")
  done
  IFS=$old_ifs
  set +f
  common+=(${extra[@]+"${extra[@]}"})
fi

cd "${GITHUB_WORKSPACE:-.}"

# Write the step's outputs: $1 the counts (three name=integer lines, or none after a usage error),
# $2 the SARIF file written for the sarif-file input (or nothing), in the delimited form.
write_outputs() {
  local delimiter newline=$'\n'
  [[ -n ${GITHUB_OUTPUT:-} ]] || return 0
  if [[ -n $1 ]]; then
    # Plain integers only: nothing else can reach the outputs file from here.
    [[ $1 =~ ^errors=[0-9]+$'\n'warnings=[0-9]+$'\n'stale-actions=[0-9]+$ ]] || fail "cannot count the findings"
  fi
  delimiter="compass-lint-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s%ssarif-file<<%s\n%s\n%s\n' "$1" "${1:+$newline}" "$delimiter" "$2" "$delimiter" >> "$GITHUB_OUTPUT"
}

# Nothing to check: say so ($1 in the log, $2 in the job summary), write an empty SARIF log if one
# was asked for (an upload-sarif step after this one still finds its file), and succeed.
nothing_to_check() {
  local empty
  echo "compass-lint: $1; nothing to check."
  if [[ $summary == true && -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    printf '## compass-lint\n\n%s.\n' "$2" >> "$GITHUB_STEP_SUMMARY"
  fi
  if [[ -n $sarif_file ]]; then
    empty=$(mktemp -d "$temp/empty.XXXXXX")
    mkdir -p -- "$(dirname -- "$sarif_file")"
    "$compass_lint" check --format sarif --output "$sarif_file" --quiet ${common[@]+"${common[@]}"} -- "$empty" > /dev/null
  fi
  write_outputs $'errors=0\nwarnings=0\nstale-actions=0' "$sarif_file"
  exit 0
}

paths=()
globbed=false
if [[ -n ${INPUT_PATHS:-} ]]; then
  # One path or glob per line; surrounding blanks and empty lines are dropped. A line that names an
  # existing file or folder is that path; else one with * ? or [ is a glob, expanded here.
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    line=${line#"${line%%[![:space:]]*}"}
    line=${line%"${line##*[![:space:]]}"}
    if [[ -z $line ]]; then
      continue
    elif [[ ! -e $line && ! -L $line && $line == *[\*\?\[]* ]]; then
      globbed=true
      matches="$temp/matches"
      "$python" "$tools" glob "$line" > "$matches" || fail "cannot expand the paths glob $line"
      found=0
      while IFS= read -r -d '' name; do
        paths+=("$name")
        found=$((found + 1))
      done < "$matches"
      if [[ $found -eq 0 ]]; then
        echo "::warning title=compass-lint::$(escape "the paths glob $line matches no file or folder")"
      fi
    else
      paths+=("$line")
    fi
  done <<< "$INPUT_PATHS"
  if [[ $globbed == true ]]; then
    # Globs name files one by one (docs/**/*.md finds READMEs too): filter them like a folder walk.
    common+=(--force-exclude)
    [[ ${#paths[@]} -gt 0 ]] || nothing_to_check "no file or folder matches the paths input" \
      "No file or folder matches the \`paths\` input"
  fi
  [[ ${#paths[@]} -gt 0 ]] || fail "the paths input has no path in it"
elif [[ ${GITHUB_EVENT_NAME:-} == pull_request* && -n ${GITHUB_BASE_REF:-} ]]; then
  base="origin/$GITHUB_BASE_REF"
  if ! git rev-parse --verify --quiet "$base^{commit}" > /dev/null; then
    echo "compass-lint: fetching the base branch of the pull request"
    git fetch --quiet --no-tags origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/$base" \
      || fail "cannot fetch the base branch of the pull request from origin"
  fi
  if ! git merge-base "$base" HEAD > /dev/null 2>&1; then
    if [[ $(git rev-parse --is-shallow-repository) == true ]]; then
      echo "compass-lint: shallow clone, fetching the history to find where the pull request branched off"
      git fetch --quiet --no-tags --unshallow origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/$base" || true
    fi
    git merge-base "$base" HEAD > /dev/null 2>&1 \
      || fail "the base branch and HEAD share no history: check out with actions/checkout and fetch-depth: 0"
  fi
  # Through a file: a failing git diff must stop the step, and bash variables cannot hold NUL.
  listing="$temp/changed"
  git diff --name-only --diff-filter=ACMR -z "$base...HEAD" -- '*.md' > "$listing"
  while IFS= read -r -d '' name; do
    # Regular files only, as pre-commit does: a symlink could point outside the repository.
    if [[ -f $name && ! -L $name ]]; then
      paths+=("$name")
    fi
  done < "$listing"
  # The changed files are named one by one: filter them like a folder walk (exclude, reports only).
  common+=(--force-exclude)
  if [[ ${#paths[@]} -eq 0 ]]; then
    nothing_to_check "this pull request adds or changes no Markdown file" \
      "No Markdown file added or changed by this pull request"
  fi
else
  paths=(.)
fi

echo "::group::compass-lint: ${#paths[@]} path(s) to check"
inert "${paths[@]}"
echo "::endgroup::"
if [[ ${#extra[@]} -gt 0 ]]; then
  echo "::group::compass-lint: ${#extra[@]} argument(s) from the args input"
  inert "${extra[@]}"
  echo "::endgroup::"
fi

status=0
"$compass_lint" check "${options[@]}" ${common[@]+"${common[@]}"} -- "${paths[@]}" || status=$?

if [[ $status -eq 2 ]]; then
  write_outputs "" ""
  exit 2
fi
# A second run writes the findings as data to count them from: the SARIF log asked for, or else
# JSON to a temporary file (on 1,000 reports, from the first run's cache: 0.6 s for JSON, 1.3 s for
# SARIF, against 5.1 s for the first run). --quiet: its notes are in the log already.
if [[ -n $sarif_file ]]; then
  mkdir -p -- "$(dirname -- "$sarif_file")"
  data=(--format sarif --output "$sarif_file")
  log=$sarif_file
else
  log="$temp/findings.json"
  data=(--format json --output "$log")
fi
second=0
"$compass_lint" check "${data[@]}" --exit-zero --quiet ${common[@]+"${common[@]}"} -- "${paths[@]}" > /dev/null \
  || second=$?
if [[ $second -ne 0 ]]; then # it could not write its file (exit 2)
  write_outputs "" ""
  exit "$second"
fi
counts=$("$python" "$tools" counts "$log") || fail "cannot count the findings in $log"
write_outputs "$counts" "$sarif_file"
exit "$status"
