; Inno Setup script for Checkpoint Desk (卡点登记台) on Windows.
; Build the app folder first (PyInstaller, see README.md beside this file), then:
;     iscc /DAppVersion=0.1.0 packaging\windows\checkpoint-desk.iss
; The installer is written to dist\checkpoint-desk-<version>-windows-x64-setup.exe.
; NOT tried on Windows in this repository's CI: see README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Checkpoint Desk"
#define AppNameZh "卡点登记台"
#define AppExe "checkpoint-desk.exe"
#define AppConsoleExe "checkpoint-desk-console.exe"
#define SourceDir "..\..\dist\checkpoint-desk"

[Setup]
; A fixed AppId keeps upgrades in place; never change it between versions.
AppId={{6F3C2E1A-8B7D-4C55-9A2E-4F1D3B7C9E21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Checkpoint Desk developers
DefaultDirName={autopf}\Checkpoint Desk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install needs no administrator; a supervisor can choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=checkpoint-desk-{#AppVersion}-windows-x64-setup
SetupIconFile=checkpoint-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The station's data directory (%LOCALAPPDATA%\checkpoint-desk) is NOT removed on
; uninstall: it holds visits that may not be synced yet.

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; ChineseSimplified.isl is an unofficial translation shipped in Inno Setup's
; "Languages\Unofficial" folder; copy it next to Default.isl on the build machine.
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
en.SelfTest=Check the installation (self-test)
zh_CN.SelfTest=检查安装（自检）
en.AppTitle={#AppName}
zh_CN.AppTitle={#AppNameZh}

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppConsoleExe}"" --self-test"
Name: "{group}\{cm:UninstallProgram,{cm:AppTitle}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent
