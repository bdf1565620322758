; kzreader's Windows installer (NSIS 3, Modern UI 2).
;
; Per user and without administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\kzreader, the Start-menu entry to the user's own
; Start menu, the uninstaller's registration to HKCU. The uninstaller removes
; the program files it installed and nothing else: the user's libraries
; (%LOCALAPPDATA%\kzreader\library) and settings stay.
;
; Built by installers/build.py (or linted by installers/nsis.py), which pass:
;   VERSION   kzreader's version, e.g. 0.1.0
;   VERSION4  the same as four numbers, e.g. 0.1.0.0 (VIProductVersion)
;   PAYLOAD   the PyInstaller bundle folder (kzreader.exe, kzreader-cli.exe, _internal)
;   ICON      resources\app-icons\kzreader.ico
;   OUTFILE   the installer to write

!ifndef VERSION | VERSION4 | PAYLOAD | ICON | OUTFILE
  !error "VERSION, VERSION4, PAYLOAD, ICON and OUTFILE must be defined: use python installers/build.py"
!endif

!define APP "kzreader"
!define PUBLISHER "kzreader"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

; A 64-bit installer for the 64-bit program where this NSIS has the 64-bit
; stubs (Debian's makensis, which builds it for the checks under Wine: no
; 32-bit Wine is needed); NSIS's own Windows release has only the 32-bit
; ones, whose installer Windows runs just as well (HKCU and %LOCALAPPDATA%
; are the same for both).
!if /FileExists "${NSISDIR}\Stubs\lzma_solid-amd64-unicode"
  Target amd64-unicode
!endif
Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
; an upgrade goes where the previous version was installed
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepLibraries)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; the installer speaks the user's Windows language when it is one of these
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"

LangString KeepLibraries ${LANG_ENGLISH} "kzreader will be removed from your computer. Your libraries (in %LOCALAPPDATA%\kzreader) and settings are kept."
LangString KeepLibraries ${LANG_FRENCH} "kzreader va être désinstallé. Vos bibliothèques (dans %LOCALAPPDATA%\kzreader) et vos préférences sont conservées."

; what Explorer's Properties > Details shows for the installer itself
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} ${VERSION} installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "MIT License"

Section "kzreader" SecProgram
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the program whole: modules of the older version must
  ; not linger beside the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe" "" "$INSTDIR\${APP}.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; exactly what the installer put there: never the folder as a whole, which
  ; may be one the user chose and keeps other things in
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP}.exe"
  Delete "$INSTDIR\${APP}-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
