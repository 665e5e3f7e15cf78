// A C view of RE2 (Debian's libre2) for Swift: GoogleSQL's REGEXP_* functions are RE2, so the
// emulator uses RE2 itself, with its linear-time matching and its syntax and error messages.
// Every string is UTF-8 with an explicit length, so NUL bytes inside text and patterns work.
#ifndef CRE2_H
#define CRE2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cre2_regexp cre2_regexp;

/// Compiles `pattern`, as UTF-8 or (`latin1` nonzero, for BYTES) as Latin-1. On failure returns NULL
/// and sets `*error` to RE2's message (free with cre2_free_string).
cre2_regexp *cre2_compile(const char *pattern, size_t pattern_length, int latin1, char **error);

void cre2_free(cre2_regexp *regexp);

void cre2_free_string(char *string);

/// Number of capturing groups in the pattern.
int cre2_capture_count(const cre2_regexp *regexp);

/// Finds the leftmost match starting at or after byte `start`. On a match, returns 1 and fills
/// `offsets[2*i]`, `offsets[2*i+1]` with the byte range of group i (group 0 is the whole match) for
/// i < group_count; a group that did not take part is -1, -1. Returns 0 when nothing matches.
int cre2_match(const cre2_regexp *regexp, const char *text, size_t text_length, size_t start,
               int64_t *offsets, int group_count);

/// Replaces every non-overlapping match in `text` with `rewrite`, where \0 to \9 name groups and \\ is
/// a backslash. Returns 1 and sets `*result` (free with cre2_free_string) and `*result_length`, or
/// returns 0 and sets `*error` to why the rewrite is invalid.
int cre2_replace(const cre2_regexp *regexp, const char *text, size_t text_length, const char *rewrite,
                 size_t rewrite_length, char **result, size_t *result_length, char **error);

#ifdef __cplusplus
}
#endif

#endif
