// zlib and Zstandard from the system (zlib1g-dev, libzstd-dev): the GZIP and ZSTD codecs of Parquet pages.
#include <zlib.h>
#include <zstd.h>
