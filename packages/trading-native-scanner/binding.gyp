{
  "targets": [
    {
      "target_name": "ingest_scan",
      "sources": ["src/scan-addon.cc", "src/batch-scanner.cc", "src/json-value.cc", "src/event-layout.generated.cc"],
      "cflags_cc": ["-std=c++17", "-O2"],
      "xcode_settings": { "CLANG_CXX_LANGUAGE_STANDARD": "c++17", "GCC_OPTIMIZATION_LEVEL": "2" },
      "msvs_settings": { "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17"] } }
    }
  ]
}
