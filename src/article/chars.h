/*
 * chars.h - private to src/article: decoding and classifying the code
 * points of text that has already been checked to be valid UTF-8.
 *
 * ASCII takes a table lookup; everything else is classified by its Unicode
 * category (utf8proc), with a few characters singled out because news text
 * uses them as spaces (U+00A0, zero-width spaces) or as quotes and dashes.
 */
#ifndef KG_ARTICLE_CHARS_H
#define KG_ARTICLE_CHARS_H

#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

enum {
    KC_SPACE = 0, /* white space, including U+00A0 and zero-width spaces */
    KC_UPPER,     /* Lu, Lt */
    KC_LOWER,     /* Ll */
    KC_LETTER,    /* Lm, Lo, Nl, No: word characters without case */
    KC_DIGIT,     /* Nd */
    KC_MARK,      /* Mn, Mc, Me, soft hyphen and other format characters */
    KC_PUNCT,     /* punctuation, symbols, controls, unassigned */
};

/* Decode one code point from valid UTF-8; *n gets its length in bytes. */
static inline uint32_t kc_decode(const unsigned char *p, int *n)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    }
    if (c < 0xF0) {
        *n = 3;
        return ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    *n = 4;
    return ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
           ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

static inline int kc_class_ascii(unsigned c)
{
    if (c >= 'a' && c <= 'z')
        return KC_LOWER;
    if (c >= 'A' && c <= 'Z')
        return KC_UPPER;
    if (c >= '0' && c <= '9')
        return KC_DIGIT;
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || c < 0x20 || c == 0x7F)
        return KC_SPACE; /* control characters separate like spaces */
    return KC_PUNCT;
}

static inline int kc_class(uint32_t cp)
{
    if (cp < 0x80)
        return kc_class_ascii(cp);
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x180E: case 0x200B: case 0x200C:
    case 0x200D: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x2060: case 0x3000: case 0xFEFF:
        return KC_SPACE;
    case 0x00AD:
        return KC_MARK;
    default:
        break;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return KC_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return KC_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return KC_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return KC_DIGIT;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
        return KC_MARK;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return KC_SPACE;
    default:
        return KC_PUNCT;
    }
}

/* Class of the code point at s[i] (i < end); *n gets its byte length. */
static inline int kc_class_at(const char *s, size_t i, int *n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return kc_class_ascii(c);
    }
    return kc_class(kc_decode((const unsigned char *)s + i, n));
}

/* Length of the white-space character at s[i], or 0 if it is not one. */
static inline int kc_space_at(const char *s, size_t i)
{
    int n;
    return kc_class_at(s, i, &n) == KC_SPACE ? n : 0;
}

static inline int kc_is_word(int cls)
{
    return cls >= KC_UPPER && cls <= KC_MARK;
}

static inline int kc_is_alnum(int cls)
{
    return cls >= KC_UPPER && cls <= KC_DIGIT;
}

/* Number of code points in s[from, to): lead bytes only. */
static inline size_t kc_count_cp(const char *s, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

#endif
