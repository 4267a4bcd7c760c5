/* Test-only shim for Wine 8, never shipped: Rust's standard library asks
 * bcryptprimitives.dll for ProcessPrng (Windows 10+), which Wine 8 lacks. This DLL, placed
 * beside the test executables, provides it over advapi32's RtlGenRandom. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
