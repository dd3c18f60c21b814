"""Bounded loopback socket load for bench/live-load.sh (127.0.0.1 only; stops by itself).

A forked echo server (one selector loop) and a client that keeps --conns connections in request/response
ping-pong at up to --rate round trips per second, and opens, uses and closes --churn new connections per
second. Every round trip is four socket syscalls (send, recv on each side); every short-lived connection is
about twenty socket events (socket, connect, accept, TCP state changes, closes, destroys).
"""
import argparse
import os
import resource
import selectors
import signal
import socket
import sys
import time

p = argparse.ArgumentParser()
p.add_argument("--seconds", type=float, default=30)
p.add_argument("--conns", type=int, default=8)
p.add_argument("--rate", type=int, default=10000, help="round trips per second, all connections together")
p.add_argument("--churn", type=int, default=300, help="short-lived connections per second")
a = p.parse_args()

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(512)
addr = listener.getsockname()

server = os.fork()
if server == 0:
    sel = selectors.DefaultSelector()
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))  # the client's "done": close everything, then exit
    deadline = time.monotonic() + a.seconds + 60  # a safety net; the client normally ends the server
    while time.monotonic() < deadline and not stop:
        for key, _ in sel.select(timeout=0.5):
            s = key.fileobj
            if s is listener:
                try:
                    c, _ = listener.accept()
                except BlockingIOError:
                    continue
                c.setblocking(False)
                sel.register(c, selectors.EVENT_READ)
                continue
            try:
                data = s.recv(4096)
            except (BlockingIOError, ConnectionError):
                data = b""
            if data:
                try:
                    s.send(data)
                except (BlockingIOError, ConnectionError):
                    pass
            else:
                sel.unregister(s)
                s.close()
    for key in list(sel.get_map().values()):
        key.fileobj.close()
    os._exit(0)

listener.close()
conns = [socket.create_connection(addr) for _ in range(a.conns)]
msg = b"m" * 64
trips = churned = 0
start = time.monotonic()
deadline = start + a.seconds
next_churn = start
while True:
    now = time.monotonic()
    if now >= deadline:
        break
    for c in conns:
        c.sendall(msg)
        got = 0
        while got < len(msg):
            got += len(c.recv(4096))
    trips += len(conns)
    if now >= next_churn:
        s = socket.create_connection(addr)
        s.sendall(msg)
        s.recv(4096)
        s.close()
        churned += 1
        next_churn += 1.0 / a.churn
    ahead = trips / a.rate - (time.monotonic() - start)
    if ahead > 0:
        time.sleep(ahead)
elapsed = time.monotonic() - start
for c in conns:
    c.close()
time.sleep(0.2)
os.kill(server, signal.SIGTERM)
os.waitpid(server, 0)
ru = resource.getrusage(resource.RUSAGE_SELF)
rc = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"live-load: {elapsed:.1f} s, {trips} round trips ({trips / elapsed:.0f}/s), {churned} short connections"
      f" ({churned / elapsed:.0f}/s); load CPU {ru.ru_utime + rc.ru_utime:.1f} s user + {ru.ru_stime + rc.ru_stime:.1f} s sys",
      flush=True)
