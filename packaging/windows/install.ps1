<#
.SYNOPSIS
Installs onegate-agent from this folder (the unpacked zip) and starts it as the service "onegate-agent".

.DESCRIPTION
Copies onegate-agent.exe, the service wrapper shawl.exe and the texts to -InstallDir (default
%ProgramFiles%\onegate-agent), makes onegate.exe a hard link to onegate-agent.exe (the executable picks
its program from the name it was started under), adds -InstallDir to the machine's PATH, creates
%ProgramData%\onegate-agent\ (agent.yaml, attributes.d, hooks.d, state, run, log) writable by SYSTEM
and Administrators only, and registers the service: started at boot as LocalSystem through Shawl,
restarted by the service manager 10 s after a failure, logging to %ProgramData%\onegate-agent\log\.
Running it again upgrades in place (the service is stopped, the files replaced, the service started).
Needs an elevated PowerShell (Windows PowerShell 5.1 or later). README.txt has the same steps by hand.

.PARAMETER InstallDir
Where the programs go.

.PARAMETER NoStart
Register the service but do not start it now (for image builds: it starts at the next boot).
#>
[CmdletBinding()]
param(
  [string]$InstallDir = (Join-Path $env:ProgramFiles 'onegate-agent'),
  [switch]$NoStart
)
Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'

$name = 'onegate-agent'
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  # One line on stderr and exit 1 (Write-Error under ErrorActionPreference Stop would print a stack of records).
  [Console]::Error.WriteLine('install.ps1: run it from an elevated PowerShell ("Run as administrator")')
  exit 1
}
$programData = if ($env:ProgramData) { $env:ProgramData } else { 'C:\ProgramData' }
$data = Join-Path $programData 'onegate-agent'
$log = Join-Path $data 'log'
$agent = Join-Path $InstallDir 'onegate-agent.exe'
$shawl = Join-Path $InstallDir 'shawl.exe'

$service = Get-Service -Name $name -ErrorAction SilentlyContinue
if ($service -and $service.Status -ne 'Stopped') {
  Write-Host "stopping the service $name"
  Stop-Service -Name $name -Force
}

# The programs.
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
foreach ($file in 'onegate-agent.exe', 'shawl.exe', 'uninstall.ps1', 'README.txt', 'LICENSE.txt', 'COPYRIGHT.txt', 'shawl-licenses.txt') {
  Copy-Item -Force -Path (Join-Path $PSScriptRoot $file) -Destination $InstallDir
}
$link = Join-Path $InstallDir 'onegate.exe'
if (Test-Path $link) { Remove-Item -Force $link }
try {
  New-Item -ItemType HardLink -Path $link -Target $agent | Out-Null
} catch {
  # A volume without hard links (FAT): a copy works the same, it only takes the space twice.
  Copy-Item -Path $agent -Destination $link
}
$path = [Environment]::GetEnvironmentVariable('Path', 'Machine')
if (($path -split ';') -notcontains $InstallDir) {
  [Environment]::SetEnvironmentVariable('Path', ($path.TrimEnd(';') + ';' + $InstallDir), 'Machine')
}

# The data folder, the layout of /etc/onegate-agent and /var/lib/onegate-agent. The service runs hooks from
# hooks.d as SYSTEM, so no other user may write here: ProgramData's inherited rights let every user
# create files in a new folder, hence inheritance off, full control for SYSTEM and Administrators, read
# for Users.
foreach ($dir in '', 'attributes.d', 'hooks.d', 'state', 'run', 'log') {
  New-Item -ItemType Directory -Force -Path (Join-Path $data $dir) | Out-Null
}
& icacls.exe $data /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' '*S-1-5-32-545:(OI)(CI)RX' /T /Q | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls could not set the rights of $data" }

# The service. Shawl answers the service manager and runs the agent; on stop it sends Ctrl-C (the agent
# saves its state and exits 0) and kills it after 10 s. Shawl itself does not restart (--no-restart): an
# agent that exits non-zero stops the service with that error, and the service manager's recovery
# actions restart it after 10 s (failureflag 1 applies them to such a stop, not only to a crash).
# ProgramData is passed on so the service uses the folder made above whatever its environment says (wine's
# service manager says C:\users\Public); NODE_OPTIONS caps the heap as the Linux unit does.
$command = "`"$shawl`" run --name $name --cwd `"$InstallDir`" --log-dir `"$log`" --stop-timeout 10000 --no-restart " +
  "--env `"ProgramData=$programData`" --env `"NODE_OPTIONS=--max-old-space-size=32 --max-semi-space-size=1 --v8-pool-size=1`" " +
  "-- `"$agent`" run"
if ($service) {
  Set-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$name" -Name ImagePath -Value $command
} else {
  New-Service -Name $name -BinaryPathName $command -DisplayName 'OpenNebula OneGate agent' -StartupType Automatic `
    -Description 'Reports READY, metrics and attributes to OneGate and runs the hooks in %ProgramData%\onegate-agent\hooks.d' | Out-Null
}
& sc.exe failure $name reset= 86400 actions= restart/10000/restart/10000/restart/60000 | Out-Null
& sc.exe failureflag $name 1 | Out-Null
if (-not $NoStart) {
  Start-Service -Name $name
  Write-Host "$name installed in $InstallDir and started; log: $log"
} else {
  Write-Host "$name installed in $InstallDir; it starts at the next boot (Start-Service $name starts it now)"
}
