#!/usr/bin/env bash
# The "Run compass-lint" step of the GitHub Action (action.yml): works out what to check, runs
# compass-lint with --format github (annotations, command-proof log, job summary), and optionally a
# second time with --format sarif.
#
# Inputs arrive only as environment variables (INPUT_PATHS, INPUT_CONFIG, INPUT_FAIL_ON,
# INPUT_SARIF_FILE, INPUT_SUMMARY): action.yml never writes ${{ inputs.* }} into shell code, where a
# crafted value would run as a command. File names come from the repository, so they are only ever
# printed inside a ::stop-commands:: block: no file name can issue a workflow command.
#
# Also read: COMPASS_LINT (the executable; default: compass-lint on PATH), and what the runner sets:
# GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, RUNNER_TEMP.
# Kept to bash 3.2 (macOS): no mapfile, no ${var,,}, empty arrays expanded as ${a[@]+"${a[@]}"}.
set -euo pipefail

compass_lint=${COMPASS_LINT:-compass-lint}
config=${INPUT_CONFIG:-}
sarif_file=${INPUT_SARIF_FILE:-}

fail() {
  echo "::error title=compass-lint::$1"
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

cd "${GITHUB_WORKSPACE:-.}"

paths=()
if [[ -n ${INPUT_PATHS:-} ]]; then
  # One path per line; surrounding blanks and empty lines are dropped.
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    line=${line#"${line%%[![:space:]]*}"}
    line=${line%"${line##*[![:space:]]}"}
    if [[ -n $line ]]; then
      paths+=("$line")
    fi
  done <<< "$INPUT_PATHS"
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
  listing=$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/compass-lint-changed.XXXXXX")
  trap 'rm -f "$listing"' EXIT
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
    echo "compass-lint: this pull request adds or changes no Markdown file; nothing to check."
    if [[ $summary == true && -n ${GITHUB_STEP_SUMMARY:-} ]]; then
      printf '## compass-lint\n\nNo Markdown file added or changed by this pull request.\n' >> "$GITHUB_STEP_SUMMARY"
    fi
    if [[ -n $sarif_file ]]; then
      # An empty run, so that an upload-sarif step after this one still finds its file.
      empty=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/compass-lint-empty.XXXXXX")
      mkdir -p -- "$(dirname -- "$sarif_file")"
      "$compass_lint" check --format sarif --output "$sarif_file" ${common[@]+"${common[@]}"} -- "$empty" > /dev/null
      rmdir -- "$empty"
    fi
    exit 0
  fi
else
  paths=(.)
fi

echo "::group::compass-lint: ${#paths[@]} path(s) to check"
inert "${paths[@]}"
echo "::endgroup::"

status=0
"$compass_lint" check "${options[@]}" ${common[@]+"${common[@]}"} -- "${paths[@]}" || status=$?

if [[ -n $sarif_file && $status -ne 2 ]]; then
  mkdir -p -- "$(dirname -- "$sarif_file")"
  # Its own summary line repeats the first run's: keep the log to one.
  "$compass_lint" check --format sarif --output "$sarif_file" --exit-zero ${common[@]+"${common[@]}"} \
    -- "${paths[@]}" > /dev/null || status=$?
fi
exit "$status"
