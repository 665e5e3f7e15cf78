// Empty: SwiftPM needs a source file for a C target; the header is all there is.
#include "CLibFuzzer.h"
