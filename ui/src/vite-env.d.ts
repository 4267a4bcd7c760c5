/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" in the board benchmark's build (bench/board.sh): the app then measures itself (timings.ts). */
  readonly VITE_BINOMES_BENCH?: string;
}
