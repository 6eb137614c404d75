/* addrlock.c — the table behind addrlock.h (all locks start free: zero). */
#include "addrlock.h"

struct tp_addr_stripe tp_addr_stripes[TP_ADDR_STRIPES];
