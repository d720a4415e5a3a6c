# Shared by deploy/pqdif-push-ssh.sh and deploy/pqdif-push-ftp.sh (sourced, not run): the
# drop-directory layout and the group jemhead shares with the meters' accounts.
#
#   $PQDIF_PUSH_ROOT/<kind>/        root-owned, not writable (what SSH/FTP chroot into)
#   $PQDIF_PUSH_ROOT/<kind>/drop/   the meters' account : $JEMHEAD_GROUP, 2770 (setgid, so
#                                   every upload belongs to the group and jemhead can
#                                   read it and move it to drop/processed/)
PQDIF_PUSH_ROOT="${PQDIF_PUSH_ROOT:-/srv/jemhead}"
JEMHEAD_GROUP="${JEMHEAD_GROUP:-jemhead}"

log() { printf '[pqdif-push] %s\n' "$*" >&2; }

require_root() {
  [ "$(id -u)" -eq 0 ] || { log "run as root"; exit 1; }
}

ensure_group() {
  getent group "$JEMHEAD_GROUP" >/dev/null || groupadd --system "$JEMHEAD_GROUP"
}

# ensure_account USER HOME SHELL: a system account in its own group, no password yet.
ensure_account() {
  if ! getent passwd "$1" >/dev/null; then
    useradd --system --user-group --no-create-home --home-dir "$2" --shell "$3" \
      --comment "JEMStar II PQDIF push" "$1"
  else
    usermod --home "$2" --shell "$3" "$1"
  fi
}

# set_password USER VALUE: VALUE, or a random one printed once if the account has none.
set_password() {
  local user="$1" value="$2"
  if [ -z "$value" ]; then
    if [ "$(passwd --status "$user" | awk '{print $2}')" = P ]; then return; fi
    value="$(openssl rand -base64 18 | tr -d '/+=' | cut -c1-20)"
    log "password of $user (enter it in the meter's Remote Server settings): $value"
  fi
  printf '%s:%s\n' "$user" "$value" | chpasswd
}

# ensure_drop KIND USER: the chroot and drop directories for one protocol; prints drop.
ensure_drop() {
  local base="$PQDIF_PUSH_ROOT/$1"
  install -d -o root -g root -m 0755 "$PQDIF_PUSH_ROOT" "$base"
  install -d -o "$2" -g "$JEMHEAD_GROUP" -m 2770 "$base/drop"
  echo "$base/drop"
}

# jemhead's unit makes the file system read-only but for its state directory: let it
# move files out of the drop directories.
allow_jemhead_unit() {
  local dir=/etc/systemd/system/jemhead.service.d
  install -d -m 0755 "$dir"
  printf '[Service]\nReadWritePaths=%s\n' "$PQDIF_PUSH_ROOT" >"$dir/pqdif-push.conf.new"
  mv "$dir/pqdif-push.conf.new" "$dir/pqdif-push.conf"
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
  fi
}
