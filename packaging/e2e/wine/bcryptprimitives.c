/* Test bed of the wine end-to-end test only; never shipped. Wine 8 has no bcryptprimitives.dll, whose
 * ProcessPrng every Windows 10 and later has, and executables built with newer toolchains refuse to start
 * without it. This one answers ProcessPrng from advapi32's RtlGenRandom (exported as SystemFunction036).
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
