/*
 * The C99 complex functions of the Universal C Runtime, for running the
 * Windows bundle under Wine only: never shipped, never copied into the
 * bundle.
 *
 * Wine 8's ucrtbase.dll exports cabs, ccos, cexp, crealf and the rest of
 * them as stubs that abort the program when called ("unimplemented function
 * ucrtbase.dll.crealf"), and numpy's core extension calls crealf while it
 * loads, so numpy cannot even be imported there. Windows 10 and 11 implement
 * them all. installers/wine_prefix.py compiles this file with Debian's
 * MinGW-w64 compiler into a ucrtbase.dll of its own, in the Wine prefix's
 * system32: these functions come from here (MinGW's implementations), and
 * every other export of ucrtbase.dll is forwarded to Wine's own, which is
 * kept beside it as ucrtwine.dll (the export list is generated from it:
 * ucrtbase.def). The programs run in the prefix take it with
 * WINEDLLOVERRIDES=ucrtbase=n,b.
 *
 *   x86_64-w64-mingw32-gcc -std=gnu11 -shared -O2 -s -static-libgcc \
 *       -o ucrtbase.dll crt_complex.c ucrtbase.def
 *
 * The Microsoft C runtime's complex types are structures (<complex.h>:
 * _Fcomplex, _Dcomplex, _Lcomplex, with long double the same as double),
 * passed and returned as the x64 calling convention passes structures; the
 * structures below are the same, and GCC's own complex numbers do the
 * arithmetic.
 */

#include <complex.h>

typedef struct {
    float v[2];
} kz_fcomplex;

typedef struct {
    double v[2];
} kz_dcomplex;

static float _Complex from_f(kz_fcomplex a) { return __builtin_complex(a.v[0], a.v[1]); }

static double _Complex from_d(kz_dcomplex a) { return __builtin_complex(a.v[0], a.v[1]); }

static kz_fcomplex to_f(float _Complex z) {
    kz_fcomplex r = {{crealf(z), cimagf(z)}};
    return r;
}

static kz_dcomplex to_d(double _Complex z) {
    kz_dcomplex r = {{creal(z), cimag(z)}};
    return r;
}

/* name, namef and namel: complex to complex */
#define COMPLEX(name)                                                           \
    kz_dcomplex kz_##name(kz_dcomplex a) { return to_d(name(from_d(a))); }      \
    kz_fcomplex kz_##name##f(kz_fcomplex a) { return to_f(name##f(from_f(a))); } \
    kz_dcomplex kz_##name##l(kz_dcomplex a) { return to_d(name(from_d(a))); }

/* name, namef and namel: complex to real */
#define REAL(name)                                                 \
    double kz_##name(kz_dcomplex a) { return name(from_d(a)); }    \
    float kz_##name##f(kz_fcomplex a) { return name##f(from_f(a)); } \
    double kz_##name##l(kz_dcomplex a) { return name(from_d(a)); }

COMPLEX(cacos)
COMPLEX(cacosh)
COMPLEX(casin)
COMPLEX(casinh)
COMPLEX(catan)
COMPLEX(catanh)
COMPLEX(ccos)
COMPLEX(ccosh)
COMPLEX(cexp)
COMPLEX(clog)
COMPLEX(conj)
COMPLEX(cproj)
COMPLEX(csin)
COMPLEX(csinh)
COMPLEX(csqrt)
COMPLEX(ctan)
COMPLEX(ctanh)
REAL(cabs)
REAL(carg)
REAL(cimag)
REAL(creal)

kz_dcomplex kz_cpow(kz_dcomplex a, kz_dcomplex b) { return to_d(cpow(from_d(a), from_d(b))); }

kz_fcomplex kz_cpowf(kz_fcomplex a, kz_fcomplex b) { return to_f(cpowf(from_f(a), from_f(b))); }

kz_dcomplex kz_cpowl(kz_dcomplex a, kz_dcomplex b) { return to_d(cpow(from_d(a), from_d(b))); }
