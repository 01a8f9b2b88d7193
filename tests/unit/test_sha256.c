#include <string.h>

#include "sha256.h"
#include "t.h"

static void hex(const char *s, const char *want)
{
    char out[65];
    crm_sha256_hex(s, strlen(s), out);
    T_STR(out, want, "sha256 of '%.20s' (%zu bytes)", s, strlen(s));
}

int main(void)
{
    hex("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    hex("0123456789012345678901234567890123456789012345678901234", /* 55: one block */
        "f34d5a0f80c0cbf84c8c0b90218c22637abd199965249da736a20143c8c9c9d9");
    hex("01234567890123456789012345678901234567890123456789012345", /* 56: two blocks */
        "83aa034bda83e458a0dc9cbce0d4e354716aa0ff770ed37ac0ed2b292052e4af");
    char big[1000];
    memset(big, 0x61, sizeof big);
    char out[65];
    crm_sha256_hex(big, sizeof big, out);
    T_STR(out, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3", "1000 a");
    return t_done();
}
