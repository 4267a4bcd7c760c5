/* Benchmark helper (not a test), built by bench/app.sh: starts a program and watches the X
 * screen until it has stayed unchanged for SETTLE milliseconds, then ends the program. Prints
 * the time from the program's start to the screen's last change (the window painted as it then
 * stays, measured on the X server's pixels, outside the program), the number of changes and the
 * final screen's hash (the same hash at every start: the same screen).
 * Usage: first_paint SETTLE_MS PROGRAM [ARGS…]   (needs DISPLAY) */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static uint64_t screen_hash(Display *d, Window root, int w, int h) {
  XImage *image = XGetImage(d, root, 0, 0, w, h, AllPlanes, ZPixmap);
  uint64_t hash = 1469598103934665603ULL; /* FNV-1a over the 32-bit pixels */
  size_t n = (size_t)image->bytes_per_line * image->height;
  for (size_t i = 0; i + 4 <= n; i += 4) {
    hash ^= *(uint32_t *)(image->data + i);
    hash *= 1099511628211ULL;
  }
  XDestroyImage(image);
  return hash;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: first_paint SETTLE_MS PROGRAM [ARGS...]\n");
    return 2;
  }
  double settle = atof(argv[1]);
  Display *d = XOpenDisplay(NULL);
  if (!d) {
    fprintf(stderr, "first_paint: no X display\n");
    return 2;
  }
  Window root = DefaultRootWindow(d);
  XWindowAttributes a;
  XGetWindowAttributes(d, root, &a);
  uint64_t last = screen_hash(d, root, a.width, a.height);
  double start = now_ms();
  pid_t child = fork();
  if (child == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execvp(argv[2], argv + 2);
    _exit(127);
  }
  double changed = start;
  int changes = 0;
  /* A grab every few milliseconds, not back to back: the watcher must not take the app's core. */
  struct timespec pause = {0, 4 * 1000 * 1000};
  while (now_ms() - changed < settle && now_ms() - start < 30000) {
    nanosleep(&pause, NULL);
    uint64_t h = screen_hash(d, root, a.width, a.height);
    if (h != last) {
      last = h;
      changed = now_ms();
      changes++;
    }
  }
  kill(child, SIGTERM);
  waitpid(child, NULL, 0);
  printf("%.1f %d %016llx\n", changed - start, changes, (unsigned long long)last);
  return changes > 0 ? 0 : 1;
}
