/*
 * A stand-in for Windows' own icuuc.dll, for running the Windows bundle
 * under Wine only: never shipped, never copied into the bundle.
 *
 * Qt 6's QtCore links against the ICU that Windows 10 (1903 and later)
 * carries in System32 and imports the ucnv_* functions below from it for
 * QStringConverter's legacy encodings. Wine 8 provides no icuuc.dll, so
 * QtCore would not load at all. Every converter here is "unavailable":
 * QtCore then falls back on its built-in UTF-8/UTF-16/Latin-1 codecs, which
 * is all kzreader uses.
 *
 * installers/wine.py compiles it with Debian's MinGW-w64 compiler
 * (gcc-mingw-w64-x86-64-win32) into the Wine prefix's system32:
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll icuuc_stub.c
 */

#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)

typedef int UErrorCode;
typedef uint16_t UChar;
typedef int32_t UChar32;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void (*UConverterCallback)(void);

/* U_FILE_ACCESS_ERROR: "the requested file cannot be found" */
#define UNAVAILABLE 4

static void fail(UErrorCode *err) {
    if (err != NULL && *err <= 0) {
        *err = UNAVAILABLE;
    }
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) {
    (void)name;
    fail(err);
    return NULL;
}

EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }

EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }

EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv) {
    (void)cnv;
    return 1;
}

EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *err) {
    (void)cnv;
    fail(err);
    return NULL;
}

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard,
                                        UErrorCode *err) {
    (void)name;
    (void)standard;
    fail(err);
    return NULL;
}

EXPORT int32_t ucnv_countAvailable(void) { return 0; }

EXPORT const char *ucnv_getAvailableName(int32_t n) {
    (void)n;
    return NULL;
}

EXPORT void ucnv_getToUCallBack(const UConverter *cnv, UConverterCallback *action,
                                const void **context) {
    (void)cnv;
    if (action != NULL) *action = NULL;
    if (context != NULL) *context = NULL;
}

EXPORT void ucnv_getFromUCallBack(const UConverter *cnv, UConverterCallback *action,
                                  const void **context) {
    ucnv_getToUCallBack(cnv, action, context);
}

EXPORT void ucnv_setToUCallBack(UConverter *cnv, UConverterCallback action,
                                const void *context, UConverterCallback *old_action,
                                const void **old_context, UErrorCode *err) {
    (void)action;
    (void)context;
    ucnv_getToUCallBack(cnv, old_action, old_context);
    fail(err);
}

EXPORT void ucnv_setFromUCallBack(UConverter *cnv, UConverterCallback action,
                                  const void *context, UConverterCallback *old_action,
                                  const void **old_context, UErrorCode *err) {
    ucnv_setToUCallBack(cnv, action, context, old_action, old_context, err);
}

EXPORT void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *target_limit,
                           const char **source, const char *source_limit, int32_t *offsets,
                           UBool flush, UErrorCode *err) {
    (void)cnv;
    (void)target;
    (void)target_limit;
    (void)source;
    (void)source_limit;
    (void)offsets;
    (void)flush;
    fail(err);
}

EXPORT void ucnv_fromUnicode(UConverter *cnv, char **target, const char *target_limit,
                             const UChar **source, const UChar *source_limit, int32_t *offsets,
                             UBool flush, UErrorCode *err) {
    (void)cnv;
    (void)target;
    (void)target_limit;
    (void)source;
    (void)source_limit;
    (void)offsets;
    (void)flush;
    fail(err);
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *err) {
    (void)cnv;
    fail(err);
    return 0;
}

EXPORT int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *err) {
    (void)cnv;
    fail(err);
    return 0;
}

EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length,
                                  int32_t offset_index, UErrorCode *err) {
    (void)args;
    (void)source;
    (void)length;
    (void)offset_index;
    fail(err);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source,
                                    const UChar *source_limit, int32_t offset_index,
                                    UErrorCode *err) {
    (void)args;
    (void)source;
    (void)source_limit;
    (void)offset_index;
    fail(err);
}

EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args,
                                          const char *units, int32_t length, int reason,
                                          UErrorCode *err) {
    (void)context;
    (void)args;
    (void)units;
    (void)length;
    (void)reason;
    (void)err;
}

EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args,
                                            const UChar *units, int32_t length,
                                            UChar32 code_point, int reason, UErrorCode *err) {
    (void)context;
    (void)args;
    (void)units;
    (void)length;
    (void)code_point;
    (void)reason;
    (void)err;
}
