#!/usr/bin/env bash
# Starts Debian's Redmine (packages redmine + redmine-sqlite, see .ci/run) for RedmineRecordTest:
#   redmine.sh PORT PROJECT   -> prints "API_KEY=<admin api key>" once the server answers,
#                                then keeps running the server in the foreground until killed.
# Enables the REST API and creates PROJECT (with all trackers) through `rails runner`, as the
# issue 15 recipe says. Idempotent: the instance database is shared by test runs on this machine,
# so each run uses its own project identifier.
set -euo pipefail
PORT=$1
PROJECT=$2
cd /usr/share/redmine
if ! grep -q '"webrick"' Gemfile.local 2>/dev/null; then
  echo 'gem "webrick"' >> Gemfile.local
fi
bundle exec rails runner -e production "
Setting.rest_api_enabled = '1'
admin = User.find_by(login: 'admin')
key = admin.api_key
p = Project.find_by(identifier: '$PROJECT') || Project.create!(name: '$PROJECT', identifier: '$PROJECT',
    is_public: true, tracker_ids: Tracker.pluck(:id), enabled_module_names: %w[issue_tracking])
puts \"API_KEY=#{key}\"
" 2>/dev/null
exec bundle exec rails server -u webrick -e production -p "$PORT" -b 127.0.0.1 -P "/tmp/redmine-$PORT.pid"
