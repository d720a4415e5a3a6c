#!/usr/bin/env bash
# Runs deploy/pqdif-push-ssh.sh and deploy/pqdif-push-ftp.sh for real, twice (idempotent),
# in private mount and network namespaces: /etc, /srv, /usr/local, /run and /var/log are
# overlays that vanish with the namespace, and the namespace's own loopback carries the
# fixed ports. Then a "meter" logs in with the password: legacy and SFTP-mode scp and FTP
# uploads land in the drop directories, group jemhead; a shell, a download, a wrong
# password and other accounts are refused. Exit 77 (ctest: skipped) without root or
# namespaces.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

if [ "${1-}" != --inside ]; then
  [ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (useradd, sshd, vsftpd)"; exit 77; }
  for tool in unshare ip sshd vsftpd scp curl openssl; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing"; exit 77; }
  done
  unshare -m -n --propagation private true 2>/dev/null ||
    { echo "SKIP: no mount/network namespaces here"; exit 77; }
  exec unshare -m -n --propagation private "$0" --inside
fi

work="$(mktemp -d /tmp/jemhead-deploy-test-XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; umount -l /etc /srv /usr/local /run /var/log 2>/dev/null || true; rm -rf "$work"' EXIT
for d in etc srv usr/local run var/log; do
  k=${d//\//_}
  mkdir -p "$work/$k-up" "$work/$k-work" "/$d"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$work/$k-up,workdir=$work/$k-work" "/$d"
done
ip link set lo up
fail() { echo "FAIL: $*"; exit 1; }

export PUSH_PASSWORD=meter-ssh-secret PUSH_FTP_PASSWORD=meter-ftp-secret
for run in 1 2; do
  "$repo/deploy/pqdif-push-ssh.sh" >"$work/ssh-$run.log" 2>&1 || { cat "$work/ssh-$run.log"; fail "ssh setup run $run"; }
  "$repo/deploy/pqdif-push-ftp.sh" >"$work/ftp-$run.log" 2>&1 || { cat "$work/ftp-$run.log"; fail "ftp setup run $run"; }
done
[ "$(stat -c %U:%G:%a /srv/jemhead/scp/drop)" = jemstar-push:jemhead:2770 ] || fail "scp drop permissions"
[ "$(stat -c %U:%G:%a /srv/jemhead/ftp)" = root:root:755 ] || fail "ftp chroot permissions"
grep -qx 'ReadWritePaths=/srv/jemhead' /etc/systemd/system/jemhead.service.d/pqdif-push.conf ||
  fail "unit drop-in"
[ "$(sshd -T -C user=root,host=h,addr=127.0.0.1 | grep ^passwordauthentication)" = "passwordauthentication no" ] ||
  fail "passwords must be off for other accounts"

/usr/sbin/sshd -D -e -o ListenAddress=127.0.0.1:22 -o PidFile=none >"$work/sshd.log" 2>&1 &
vsftpd /etc/vsftpd.conf -olisten_address=127.0.0.1 -obackground=NO \
  -ovsftpd_log_file="$work/vsftpd.log" >"$work/vsftpd.out" 2>&1 &
for _ in $(seq 50); do
  (exec 3<>/dev/tcp/127.0.0.1/22 && exec 4<>/dev/tcp/127.0.0.1/21) 2>/dev/null && break
  sleep 0.1
done

# The meter: password authentication (SSH_ASKPASS stands in for the keyboard).
# shellcheck disable=SC2016 # expanded by the askpass script, not here
printf '#!/bin/sh\necho "$METER_PASSWORD"\n' >"$work/askpass"
chmod 0755 "$work/askpass"
export SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 METER_PASSWORD=meter-ssh-secret
opts=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
  -o PubkeyAuthentication=no -o PreferredAuthentications=password -o NumberOfPasswordPrompts=1)
mkdir "$work/meter"
for i in 5 6 7; do
  cp "$repo/tests/data/pqdif/secha-example.pqd" "$work/meter/142300003_145440874${i}_133724_07.pqd"
done
setsid scp -O "${opts[@]}" "$work/meter/142300003_1454408745_133724_07.pqd" \
  jemstar-push@127.0.0.1:/etc/ </dev/null || fail "legacy scp upload"
setsid scp "${opts[@]}" "$work/meter/142300003_1454408746_133724_07.pqd" \
  jemstar-push@127.0.0.1: </dev/null || fail "scp (SFTP protocol) upload"
for i in 5 6; do
  f=/srv/jemhead/scp/drop/142300003_145440874${i}_133724_07.pqd
  cmp -s "$f" "$repo/tests/data/pqdif/secha-example.pqd" || fail "$f differs"
  [ "$(stat -c %G "$f")" = jemhead ] || fail "$f is not group jemhead"
done
out="$(setsid ssh "${opts[@]}" jemstar-push@127.0.0.1 id </dev/null 2>&1)" && fail "a command ran: $out"
[[ "$out" == *"only file uploads"* ]] || fail "unexpected refusal: $out"
METER_PASSWORD=wrong setsid ssh "${opts[@]}" jemstar-push@127.0.0.1 true </dev/null 2>/dev/null &&
  fail "a wrong password was accepted"

ftp=(curl -sS --fail --max-time 30 --user jemstar-ftp:meter-ftp-secret)
"${ftp[@]}" -T "$work/meter/142300003_1454408747_133724_07.pqd" ftp://127.0.0.1/ || fail "FTP upload"
cmp -s /srv/jemhead/ftp/drop/142300003_1454408747_133724_07.pqd "$repo/tests/data/pqdif/secha-example.pqd" ||
  fail "FTP upload differs"
"${ftp[@]}" -o "$work/back" ftp://127.0.0.1/142300003_1454408747_133724_07.pqd 2>/dev/null &&
  fail "FTP download allowed"
curl -sS --fail --max-time 30 --user root:x ftp://127.0.0.1/ 2>/dev/null && fail "root logged in by FTP"
curl -sS --fail --max-time 30 --user jemstar-ftp:wrong ftp://127.0.0.1/ 2>/dev/null &&
  fail "a wrong FTP password was accepted"
echo "deploy scripts: OK"
