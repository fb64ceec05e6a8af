/* Standalone driver: run a libFuzzer harness over files, without libFuzzer.
 *
 *   fuzz_rrule_replay DIR_OR_FILE...
 *
 * Every regular file under each directory (recursively, in name order) is
 * read into an exactly sized heap buffer and passed to
 * LLVMFuzzerTestOneInput, so the normal compiler and the sanitizer build
 * replay the corpora that scripts/fuzz grows. A harness that finds a
 * broken promise aborts, which fails the test. Reports how many inputs ran
 * and the slowest one; fails if no input was found at all (a corpus that
 * went missing must not pass silently). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t inputs;
static double slowest;
static char slowest_path[4096];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return -1;
    }
    for (;;) {
        if (n == cap) {
            unsigned char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return -1;
    }
    /* An exact copy, so that AddressSanitizer sees a read one past the end. */
    unsigned char *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    if (n)
        memcpy(exact, buf, n);
    free(buf);

    if (getenv("GRP_FUZZ_REPLAY_VERBOSE"))
        fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
    double t0 = now();
    LLVMFuzzerTestOneInput(exact, n);
    double dt = now() - t0;
    free(exact);
    inputs++;
    if (dt > slowest) {
        slowest = dt;
        snprintf(slowest_path, sizeof slowest_path, "%s", path);
    }
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? run_file(path) : 0;

    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name), rc = 0;
    if (n < 0) {
        perror(path);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *d = names[i]->d_name;
        /* Skip ".", "..", and hidden files such as .gitkeep. */
        if (d[0] != '.' && rc == 0) {
            size_t len = strlen(path) + strlen(d) + 2;
            char *child = malloc(len);
            if (!child)
                rc = -1;
            else {
                snprintf(child, len, "%s/%s", path, d);
                rc = run_path(child);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (run_path(argv[i]) != 0)
            return 1;
    if (inputs == 0) {
        fprintf(stderr, "%s: no input found\n", argv[0]);
        return 1;
    }
    printf("%s: %zu inputs replayed; slowest %.1f ms (%s)\n", argv[0], inputs, slowest * 1e3,
           slowest_path);
    return 0;
}
