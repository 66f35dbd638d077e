#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# ptyterm.py: kiroku on a pseudo-terminal driven byte by byte, for what tmux cannot show:
# a terminal that answers the ambiguous-width question late or never (tmux answers at
# once), keys typed before the answer, the OSC 52 sequence y writes (decoded), and a dumb
# terminal.  Prints TAP.  Waits are for conditions (kiroku's KIROKU_TEST_IDLE_FILE report,
# a byte string in the output), bounded; the one timed step is the late answer itself,
# which must come late to be the case under test.
import base64
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time
import fcntl

KIROKU = os.environ["KIROKU"]
SAMPLE = os.path.join(os.environ["top_srcdir"], "content", "000_f63a307d17307818.txt")
WAIT = float(os.environ.get("SCREEN_WAIT", "5")) * 2
# Run kiroku, then report what is left in the terminal's input (what a shell would read).
LEFTOVER = """
import os, select, subprocess, sys, termios
subprocess.call(sys.argv[1:])
a = termios.tcgetattr(0)
a[3] &= ~(termios.ICANON | termios.ECHO)
termios.tcsetattr(0, termios.TCSANOW, a)
r, _, _ = select.select([0], [], [], 0.3)
print("LEFT:" + repr(os.read(0, 100) if r else b""))
"""
n_test = 0
failed = 0


def ok(cond, name, diag=""):
    global n_test, failed
    n_test += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n_test, name))
    if not cond:
        failed += 1
        for line in str(diag).splitlines():
            print("#   " + line)
    sys.stdout.flush()


class Pty:
    """kiroku on a pty of 80x24; out holds every byte it wrote."""

    def __init__(self, args, env_extra=None, term="xterm-256color", prog=KIROKU):
        self.tmp = tempfile.mkdtemp(prefix="kiroku-pty.")
        self.idle = os.path.join(self.tmp, "idle")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.tmp,
               "TERM": term, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "XDG_STATE_HOME": os.path.join(self.tmp, "state"),
               "KIROKU_TEST_IDLE_FILE": self.idle}
        env.update(env_extra or {})
        self.env = env
        self.out = bytearray()
        self.start = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execve(prog, [prog] + args, env)
        self.pid, self.fd = pid, fd
        self.status = None

    def pump(self, secs):
        end = time.monotonic() + secs
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    return
                self.out += data

    def wait_out(self, pattern, since=0):
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            if re.search(pattern, bytes(self.out[since:])):
                return True
            self.pump(0.01)
        return False

    def idle_line(self):
        try:
            with open(self.idle) as f:
                return f.read().strip()
        except OSError:
            return ""

    def wait_idle(self, want):
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            if self.idle_line() == want:
                return True
            self.pump(0.01)
        return False

    def send(self, data):
        os.write(self.fd, data)

    def wait_exit(self):
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            self.pump(0.01)
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = st
                return True
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return False

    def state(self):
        """The reading positions saved, as (POS, PATH) pairs."""
        path = os.path.join(self.env["XDG_STATE_HOME"], "kiroku", "state")
        try:
            with open(path) as f:
                lines = f.read().splitlines()[1:]
        except OSError:
            return []
        return [tuple(l.split("\t")[2:5:2]) for l in lines]

    def close(self):
        try:
            os.close(self.fd)
        except OSError:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


def run_late(answer, label):
    """A terminal that answers the question a second late: j typed at 20 ms is taken, the
    answer is neither keys nor a move, and the saved position is that of the j."""
    p = Pty([SAMPLE])
    ok(p.wait_out(rb"\033\[6n") and "\r○\033[6n\r  \r".encode() in p.out and b"\0" not in p.out,
       "%s: kiroku asks the ambiguous width (○, then ESC[6n, erased)" % label)
    # The first screen comes without the answer.
    ok(p.wait_out("国連総会の際の日露首脳会談".encode()),
       "%s: the first screen is drawn before any answer" % label)
    t = time.monotonic() - p.start
    if t < 0.02:
        time.sleep(0.02 - t)	# the key must be typed at 20 ms, whatever came first
    p.send(b"j")
    ok(p.wait_idle("1 24 80"), "%s: j typed at 20 ms is read" % label, p.idle_line())
    t = time.monotonic() - p.start
    if t < 1.0:
        time.sleep(1.0 - t)	# the case under test: an answer a second late
    since = len(p.out)
    p.send(answer)
    p.send(b"\x0c")		# Ctrl-L, a key that does not move: counted when read
    ok(p.wait_idle("2 24 80"),
       "%s: the late answer is not read as keys (two keys in all)" % label, p.idle_line())
    p.send(b"q")
    ok(p.wait_exit() and os.WIFEXITED(p.status) and os.WEXITSTATUS(p.status) == 0,
       "%s: q exits 0" % label)
    st = p.state()
    terms = os.path.join(p.env["XDG_STATE_HOME"], "kiroku", "terminals")
    cache = open(terms).read() if os.path.exists(terms) else ""
    p.close()
    return st, cache, bytes(p.out[since:])


def main():
    # The same session with no answer at all gives the position the j should save.
    p = Pty([SAMPLE])
    p.wait_out("国連総会の際の日露首脳会談".encode())
    p.send(b"j")
    p.wait_idle("1 24 80")
    p.send(b"q")
    p.wait_exit()
    want = p.state()
    p.close()
    ok(len(want) == 1 and want[0][0] not in ("-", "0"),
       "with no answer, j moves and the position is saved", want)

    st, cache, _ = run_late(b"\033[24;2R", "narrow answer")
    ok(st == want, "narrow answer: the record is saved where j left it", "%s\n%s" % (st, want))
    ok(cache == "xterm-256color\t1\n", "narrow answer: remembered for this TERM", repr(cache))

    st, cache, after = run_late(b"\033[24;3R", "wide answer")
    ok(st == want, "wide answer: the reading position is kept through the relayout",
       "%s\n%s" % (st, want))
    ok(cache == "xterm-256color\t2\n", "wide answer: remembered for this TERM", repr(cache))

    # q before the answer: kiroku takes the answer on its way out; nothing is left in the
    # terminal's input for the shell (the child reports what it finds there afterwards).
    p = Pty(["-c", LEFTOVER, KIROKU, SAMPLE], prog=sys.executable)
    ok(p.wait_out("国連総会の際の日露首脳会談".encode()), "q before the answer: drawn")
    p.send(b"q")
    time.sleep(0.05)	# the case under test: the answer comes after q
    p.send(b"\033[24;2R")
    ok(p.wait_out(rb"LEFT:.*\n") and b"LEFT:b''" in p.out,
       "an answer that comes just after q is not left to the shell",
       bytes(p.out[-80:]))
    p.wait_exit()
    p.close()

    # --theme=auto asks for the background; a late answer picks the theme, and is no key.
    for bg, sgr, label in ((b"rgb:ffff/ffff/ffff", b"\033[35m", "light"),
                           (b"rgb:0000/0000/0000", b"\033[33m", "dark")):
        p = Pty(["--theme=auto", "--ambiguous-width=1", SAMPLE])
        ok(p.wait_out(rb"\033\]11;\?"), "--theme=auto asks for the background (%s)" % label)
        p.wait_out("国連総会の際の日露首脳会談".encode())
        first = bytes(p.out)
        since = len(p.out)
        p.send(b"\033]11;" + bg + b"\033\\")
        p.send(b"\x0c")
        ok(p.wait_idle("1 24 80"), "the background answer is not keys (%s)" % label,
           p.idle_line())
        ok(sgr not in first and p.wait_out(re.escape(sgr), since),
           "a %s background answered late gives the %s theme" % (label, label))
        p.send(b"q")
        p.wait_exit()
        p.close()

    # y: the OSC 52 sequence holds exactly the section's source text.
    text = open(SAMPLE, encoding="utf-8").read().splitlines()
    start = next(i for i, l in enumerate(text) if l.startswith("1.総論"))
    end = next(i for i, l in enumerate(text) if l.startswith("2.") and i > start)
    want_lines = []
    for l in text[start:end]:
        if l.strip() == "":
            if want_lines and want_lines[-1] != "":
                want_lines.append("")
        else:
            want_lines.append(l.rstrip())
    while want_lines and want_lines[-1] == "":
        want_lines.pop()
    want_text = "\n".join(want_lines) + "\n"
    for keys, label in ((b"2y", "2y (the second top-level section)"),
                        (b"]]y", "y on 1.総論 after ] ]"),
                        (b"]]]y", "y in a numbered paragraph of 1.総論")):
        p = Pty(["--ambiguous-width=1", SAMPLE])
        p.wait_out("国連総会の際の日露首脳会談".encode())
        since = len(p.out)
        p.send(keys)
        got = p.wait_out(rb"\033\]52;c;[A-Za-z0-9+/=]*\007", since)
        m = re.search(rb"\033\]52;c;([A-Za-z0-9+/=]*)\007", bytes(p.out[since:]))
        copied = base64.b64decode(m.group(1)).decode("utf-8") if m else ""
        ok(got and copied == want_text, "%s copies the section's source text" % label,
           "got:\n%s\nwant:\n%s" % (copied, want_text))
        p.wait_idle("%d 24 80" % len(keys))
        p.send(b"q")
        p.wait_exit()
        p.close()
    ok("このページのトップへ戻る" not in want_text and "│" not in copied,
       "the copy has no chrome and no pane border")

    # TERM=dumb: a warning, the text a page at a time, no escape sequence at all.
    for term in ("dumb", "no-such-terminal-kiroku"):
        p = Pty([SAMPLE], term=term)
        ok(p.wait_out(rb"Enter: next page, q: quit"), "TERM=%s: a page, then a prompt" % term)
        p.send(b"\n")
        ok(p.wait_out(rb"(?s)Enter: next page, q: quit.*Enter: next page", 0),
           "TERM=%s: Enter shows the next page" % term)
        p.send(b"q\n")
        ok(p.wait_exit() and os.WEXITSTATUS(p.status) == 0, "TERM=%s: q ends it, exit 0" % term)
        out = bytes(p.out)
        ok(b"\033" not in out, "TERM=%s: no escape sequence is written" % term,
           repr(out[:200]))
        ok("国連総会の際の日露首脳会談".encode() in out and "1.総論".encode() in out,
           "TERM=%s: the record's text is shown" % term)
        ok(b"cannot move the cursor" in out, "TERM=%s: a warning says why" % term)
        p.close()
    print("1..%d" % n_test)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
