// libxlsxwriter's C API (Debian: libxlsxwriter-dev). Only one Swift type,
// Lotsa's XLSXWorkbook (Sources/Lotsa/Output/XLSXWorkbook.swift), imports it.
#ifndef LOTSA_CXLSXWRITER_SHIM_H
#define LOTSA_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
