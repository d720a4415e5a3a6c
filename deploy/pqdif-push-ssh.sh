#!/usr/bin/env bash
# Sets up the receiving side of the meters' SCP push (issue 6) on Debian 12: an account
# that may only upload into a PQDIF drop directory, by password, without shells,
# forwarding or TTYs. Idempotent; run as root from the repository: deploy/README.md.
#
#   PQDIF_PUSH_SSH_MODE=scp   (default) legacy SCP and SFTP through jemstar-push-shell
#                      sftp   SFTP only, chrooted (internal-sftp); refuses `scp -O`
#   PUSH_USER=jemstar-push    the username entered in the meters
#   PUSH_PASSWORD=...         its password (default: keep it, or generate and print one)
#   PQDIF_PUSH_ROOT=/srv/jemhead  JEMHEAD_GROUP=jemhead
#   SSH_PASSWORDS_FOR_OTHERS=no   `no` turns password logins off for every other account
#                                 (keys only); `keep` leaves the host's policy alone
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pqdif-push-common.sh
. "$here/pqdif-push-common.sh"

mode="${PQDIF_PUSH_SSH_MODE:-scp}"
user="${PUSH_USER:-jemstar-push}"
others="${SSH_PASSWORDS_FOR_OTHERS:-no}"
shell=/usr/local/lib/jemhead/jemstar-push-shell
conf=/etc/ssh/sshd_config.d/jemstar-push.conf

require_root
case "$mode" in scp | sftp) ;; *) log "PQDIF_PUSH_SSH_MODE must be scp or sftp"; exit 1 ;; esac
case "$others" in no | keep) ;; *) log "SSH_PASSWORDS_FOR_OTHERS must be no or keep"; exit 1 ;; esac
command -v sshd >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server

install -d -m 0755 /usr/local/lib/jemhead
install -m 0755 "$here/jemstar-push-shell" "$shell"
ensure_group
chroot_dir="$PQDIF_PUSH_ROOT/scp"
if [ "$mode" = scp ]; then
  ensure_account "$user" "$chroot_dir/drop" "$shell"
else
  ensure_account "$user" /drop /usr/sbin/nologin  # home as seen inside the chroot
fi
drop="$(ensure_drop scp "$user")"
set_password "$user" "${PUSH_PASSWORD:-}"

{
  if [ "$others" = no ]; then
    printf '# Keys only for every account but the meters'"'"' (SSH_PASSWORDS_FOR_OTHERS=no).\n'
    printf 'PasswordAuthentication no\nKbdInteractiveAuthentication no\n\n'
  fi
  if [ "$mode" = scp ]; then template="$here/sshd-jemstar-push.conf.in"; else
    template="$here/sshd-jemstar-push-sftp-only.conf.in"; fi
  sed -e "s|@PUSH_USER@|$user|g" -e "s|@DROP@|$drop|g" -e "s|@PUSH_SHELL@|$shell|g" \
    -e "s|@CHROOT@|$chroot_dir|g" "$template"
} >"$conf.new"
# Never leave sshd with a configuration it refuses (that would lock everyone out).
mv "$conf" "$conf.old" 2>/dev/null || true
mv "$conf.new" "$conf"
if ! sshd -t; then
  log "sshd rejects the new configuration; the previous one is restored"
  if [ -f "$conf.old" ]; then mv "$conf.old" "$conf"; else rm -f "$conf"; fi
  exit 1
fi
rm -f "$conf.old"
install -d -m 0755 /run/sshd
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then systemctl reload ssh; fi
allow_jemhead_unit

log "SSH push ready ($mode): user $user uploads into $drop"
log "jemhead: pqdif.drop_directories: - {path: $drop, source: scp, after_ingest: move}"
