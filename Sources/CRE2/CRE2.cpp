#include "CRE2.h"

#include <re2/re2.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct cre2_regexp {
    re2::RE2 pattern;

    cre2_regexp(re2::StringPiece text, const re2::RE2::Options &options) : pattern(text, options) {}
};

// Copies into malloc'd memory, NUL-terminated for convenience; the length is what counts.
static char *copy(const std::string &text) {
    char *buffer = static_cast<char *>(std::malloc(text.size() + 1));
    if (buffer != nullptr) {
        std::memcpy(buffer, text.data(), text.size());
        buffer[text.size()] = '\0';
    }
    return buffer;
}

extern "C" cre2_regexp *cre2_compile(const char *pattern, size_t pattern_length, int latin1, char **error) {
    re2::RE2::Options options;
    // RE2 would log every bad pattern to stderr; the caller reports the error instead.
    options.set_log_errors(false);
    // On BYTES GoogleSQL matches byte by byte: Latin-1, where each byte is one character.
    options.set_encoding(latin1 ? re2::RE2::Options::EncodingLatin1 : re2::RE2::Options::EncodingUTF8);
    auto *regexp = new cre2_regexp(re2::StringPiece(pattern, pattern_length), options);
    if (!regexp->pattern.ok()) {
        *error = copy(regexp->pattern.error());
        delete regexp;
        return nullptr;
    }
    return regexp;
}

extern "C" void cre2_free(cre2_regexp *regexp) { delete regexp; }

extern "C" void cre2_free_string(char *string) { std::free(string); }

extern "C" int cre2_capture_count(const cre2_regexp *regexp) { return regexp->pattern.NumberOfCapturingGroups(); }

extern "C" int cre2_match(const cre2_regexp *regexp, const char *text, size_t text_length, size_t start,
                          int64_t *offsets, int group_count) {
    if (start > text_length) return 0;
    // Swift passes no pointer for empty text; a group's position must still be told from "absent".
    if (text == nullptr) text = "";
    int groups = group_count < 1 ? 1 : group_count;
    std::vector<re2::StringPiece> found(static_cast<size_t>(groups));
    re2::StringPiece whole(text, text_length);
    if (!regexp->pattern.Match(whole, start, text_length, re2::RE2::UNANCHORED, found.data(), groups)) return 0;
    for (int index = 0; index < group_count; index++) {
        const re2::StringPiece &group = found[static_cast<size_t>(index)];
        if (group.data() == nullptr) {
            offsets[2 * index] = -1;
            offsets[2 * index + 1] = -1;
        } else {
            offsets[2 * index] = group.data() - text;
            offsets[2 * index + 1] = group.data() - text + static_cast<int64_t>(group.size());
        }
    }
    return 1;
}

extern "C" int cre2_replace(const cre2_regexp *regexp, const char *text, size_t text_length, const char *rewrite,
                            size_t rewrite_length, char **result, size_t *result_length, char **error) {
    if (text == nullptr) text = "";
    re2::StringPiece replacement(rewrite, rewrite_length);
    std::string why;
    if (!regexp->pattern.CheckRewriteString(replacement, &why)) {
        *error = copy(why);
        return 0;
    }
    std::string output(text, text_length);
    re2::RE2::GlobalReplace(&output, regexp->pattern, replacement);
    *result = copy(output);
    *result_length = output.size();
    return 1;
}
