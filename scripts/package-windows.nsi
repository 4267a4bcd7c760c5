; Binômes — the Windows installer, compiled by scripts/package-windows.sh with makensis on Linux.
;
; Our own script rather than Tauri's NSIS bundler: the bundler downloads its NSIS plugin
; (nsis_tauri_utils.dll) at build time, which the build machines cannot. This script does what the
; bundler's installer does for this app, with the same places and registry keys:
;   - per-user install, no administrator rights: %LOCALAPPDATA%\Binômes (binomes.exe and
;     WebView2Loader.dll, which the windows-gnu build loads at start-up), Start menu and desktop
;     shortcuts, an uninstaller listed in « Applications installées »;
;   - the WebView2 runtime as `bundle.windows.webviewInstallMode = offlineInstaller` does: when it is
;     missing, Microsoft's standalone installer, embedded in this installer, installs it silently, with
;     no network. Built without that installer (-DWEBVIEW2_INSTALLER not given), the runtime is only
;     checked, and the user is told when it is missing.
; The organiser's data (%LOCALAPPDATA%\fr.gouv.numerique.binomes) is never touched, by the uninstaller
; either.
;
; Defined on makensis' command line (-D): VERSION (x.y.z), APP_EXE, WEBVIEW2_LOADER, ICON, OUT_FILE,
; and optionally WEBVIEW2_INSTALLER (MicrosoftEdgeWebView2RuntimeInstallerX64.exe).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include LogicLib.nsh
!include x64.nsh
!include WinVer.nsh
!include FileFunc.nsh

!define PRODUCT_NAME "Binômes"
!define MAIN_BINARY "binomes.exe"
; The same keys as Tauri's NSIS installer (manufacturer = the identifier's second part).
!define MANUFACTURER "gouv"
!define PUBLISHER "DINUM"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT_NAME}"
!define INSTALL_DIR_KEY "Software\${MANUFACTURER}\${PRODUCT_NAME}"
!define DATA_DIR "%LOCALAPPDATA%\fr.gouv.numerique.binomes"
; Microsoft's id of the WebView2 runtime in EdgeUpdate's registry keys.
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${INSTALL_DIR_KEY}" ""
BrandingText "${PRODUCT_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de ${PRODUCT_NAME}"
VIAddVersionKey /LANG=1036 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${MAIN_BINARY}"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer ${PRODUCT_NAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${PRODUCT_NAME} va être désinstallé. Vos éditions et leurs sauvegardes (${DATA_DIR}) sont conservées."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "${PRODUCT_NAME} demande Windows 10 ou 11 en 64 bits." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; The installed WebView2 runtime's version in $0, "" when there is none (machine-wide, then for
; this user; "0.0.0.0" is what an uninstalled runtime leaves behind).
Function WebView2Version
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Section "WebView2"
  Call WebView2Version
  ${If} $0 != ""
    DetailPrint "Microsoft Edge WebView2 $0 est déjà installé."
    Return
  ${EndIf}
!ifdef WEBVIEW2_INSTALLER
  InitPluginsDir
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstallerX64.exe" "${WEBVIEW2_INSTALLER}"
  DetailPrint "Installation de Microsoft Edge WebView2 (sans connexion à Internet)…"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstallerX64.exe" /silent /install' $1
  Delete "$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstallerX64.exe"
  Call WebView2Version
  ${If} $1 <> 0
  ${AndIf} $0 == ""
    MessageBox MB_ICONSTOP "L'installation de Microsoft Edge WebView2, dont ${PRODUCT_NAME} a besoin, a échoué (code $1). Demandez-la à votre service informatique." /SD IDOK
    Abort
  ${EndIf}
  DetailPrint "Microsoft Edge WebView2 est installé."
!else
  MessageBox MB_ICONEXCLAMATION|MB_OKCANCEL "${PRODUCT_NAME} a besoin de Microsoft Edge WebView2, qui n'est pas installé sur cet ordinateur (Windows 11 et Windows 10 à jour l'ont déjà). Demandez-le à votre service informatique, ou installez le « WebView2 Runtime » depuis le site de Microsoft.$\n$\nOK : installer ${PRODUCT_NAME} quand même. Annuler : quitter." /SD IDOK IDOK webview2_continue
  Abort
  webview2_continue:
!endif
SectionEnd

Section "${PRODUCT_NAME}"
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=${MAIN_BINARY}" "${APP_EXE}"
  File "/oname=WebView2Loader.dll" "${WEBVIEW2_LOADER}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT_NAME}.lnk" "$INSTDIR\${MAIN_BINARY}"
  CreateShortcut "$DESKTOP\${PRODUCT_NAME}.lnk" "$INSTDIR\${MAIN_BINARY}"

  WriteRegStr HKCU "${INSTALL_DIR_KEY}" "" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$\"$INSTDIR\${MAIN_BINARY}$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$\"$INSTDIR$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\${MAIN_BINARY}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT_NAME}.lnk"
  Delete "$DESKTOP\${PRODUCT_NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${INSTALL_DIR_KEY}"
  DeleteRegKey /ifempty HKCU "Software\${MANUFACTURER}"
SectionEnd
