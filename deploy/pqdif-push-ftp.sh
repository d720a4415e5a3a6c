#!/usr/bin/env bash
# Sets up the receiving side of the meters' FTP push (issue 6) on Debian 12: vsftpd with
# one local account chrooted to a PQDIF drop directory, upload only. Idempotent; run as
# root from the repository: deploy/README.md. Replaces /etc/vsftpd.conf (the first
# original is kept as /etc/vsftpd.conf.before-jemhead).
#
#   PUSH_FTP_USER=jemstar-ftp     the username entered in the meters
#   PUSH_FTP_PASSWORD=...         its password (default: keep it, or generate and print one)
#   PQDIF_PUSH_FTP_ADDRESS=       listen address (default: all IPv4 addresses)
#   PQDIF_PUSH_FTP_PORT=21        the meters have no port field: keep 21
#   PQDIF_PUSH_FTP_PASV=40000-40049  passive data ports (open them in the firewall)
#   PQDIF_PUSH_FTP_TLS=no         yes: offer FTPS (explicit TLS) with a self-signed
#                                 certificate made here unless PQDIF_PUSH_FTP_CERT/KEY exist
#   PQDIF_PUSH_ROOT=/srv/jemhead  JEMHEAD_GROUP=jemhead
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pqdif-push-common.sh
. "$here/pqdif-push-common.sh"

user="${PUSH_FTP_USER:-jemstar-ftp}"
address="${PQDIF_PUSH_FTP_ADDRESS:-}"
port="${PQDIF_PUSH_FTP_PORT:-21}"
pasv="${PQDIF_PUSH_FTP_PASV:-40000-40049}"
tls="${PQDIF_PUSH_FTP_TLS:-no}"
cert="${PQDIF_PUSH_FTP_CERT:-/etc/ssl/certs/jemhead-ftp.pem}"
key="${PQDIF_PUSH_FTP_KEY:-/etc/ssl/private/jemhead-ftp.key}"
users=/etc/vsftpd.jemstar-push.users

require_root
case "$tls" in yes) tls=YES ;; no) tls=NO ;; *) log "PQDIF_PUSH_FTP_TLS must be yes or no"; exit 1 ;; esac
[[ "$pasv" =~ ^([0-9]+)-([0-9]+)$ ]] || { log "PQDIF_PUSH_FTP_PASV must be MIN-MAX"; exit 1; }
pasv_min="${BASH_REMATCH[1]}" pasv_max="${BASH_REMATCH[2]}"
command -v vsftpd >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq vsftpd

ensure_group
chroot_dir="$PQDIF_PUSH_ROOT/ftp"
# vsftpd's passwd_chroot_enable: chroot at "/./", start in what follows.
ensure_account "$user" "$chroot_dir/./drop" /usr/sbin/nologin
drop="$(ensure_drop ftp "$user")"
set_password "$user" "${PUSH_FTP_PASSWORD:-}"
printf '%s\n' "$user" >"$users"
install -m 0644 "$here/pam-vsftpd-jemstar-push" /etc/pam.d/vsftpd-jemstar-push

if [ "$tls" = YES ] && [ ! -f "$cert" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=$(hostname -f)" \
    -keyout "$key" -out "$cert" 2>/dev/null
  chmod 0600 "$key"
fi
[ -f /etc/vsftpd.conf.before-jemhead ] || cp -p /etc/vsftpd.conf /etc/vsftpd.conf.before-jemhead
listen_line="# listen_address: all"
[ -z "$address" ] || listen_line="listen_address=$address"
sed -e "s|@PUSH_USER@|$user|g" -e "s|@USER_LIST@|$users|g" -e "s|@CHROOT@|$chroot_dir|g" \
  -e "s|@LISTEN_ADDRESS_LINE@|$listen_line|" -e "s|@PORT@|$port|" \
  -e "s|@PAM_SERVICE@|vsftpd-jemstar-push|" \
  -e "s|@PASV_MIN@|$pasv_min|" -e "s|@PASV_MAX@|$pasv_max|" \
  -e "s|@TLS@|$tls|" -e "s|@TLS_CERT@|$cert|" -e "s|@TLS_KEY@|$key|" \
  "$here/vsftpd-jemstar-push.conf.in" >/etc/vsftpd.conf.new
mv /etc/vsftpd.conf.new /etc/vsftpd.conf
install -d -m 0755 /var/run/vsftpd/empty
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl enable vsftpd >/dev/null 2>&1 || true
  systemctl restart vsftpd
fi
allow_jemhead_unit

log "FTP push ready: user $user uploads into $drop (port $port, passive $pasv, TLS $tls)"
log "jemhead: pqdif.drop_directories: - {path: $drop, source: ftp, after_ingest: move}"
