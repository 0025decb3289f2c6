<#
.SYNOPSIS
Removes onegate-agent: stops and deletes the service, removes the programs and the PATH entry.

.DESCRIPTION
%ProgramData%\onegate-agent\ (agent.yaml, attributes.d, hooks.d, state, log) is kept unless -Purge is
given, as a Debian package keeps /etc until it is purged. Needs an elevated PowerShell.

.PARAMETER InstallDir
Where install.ps1 put the programs.

.PARAMETER Purge
Also delete %ProgramData%\onegate-agent\ with the configuration, hooks, state and logs.
#>
[CmdletBinding()]
param(
  [string]$InstallDir = (Join-Path $env:ProgramFiles 'onegate-agent'),
  [switch]$Purge
)
Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'

$name = 'onegate-agent'
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  # One line on stderr and exit 1 (Write-Error under ErrorActionPreference Stop would print a stack of records).
  [Console]::Error.WriteLine('uninstall.ps1: run it from an elevated PowerShell ("Run as administrator")')
  exit 1
}
$programData = if ($env:ProgramData) { $env:ProgramData } else { 'C:\ProgramData' }
$data = Join-Path $programData 'onegate-agent'

$service = Get-Service -Name $name -ErrorAction SilentlyContinue
if ($service) {
  if ($service.Status -ne 'Stopped') { Stop-Service -Name $name -Force }
  & sc.exe delete $name | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "sc.exe delete $name failed ($LASTEXITCODE)" }
}

$path = [Environment]::GetEnvironmentVariable('Path', 'Machine')
$kept = ($path -split ';') | Where-Object { $_ -and $_ -ne $InstallDir }
[Environment]::SetEnvironmentVariable('Path', ($kept -join ';'), 'Machine')

# This script may itself live in InstallDir: PowerShell has read it already, so it can go too.
if (Test-Path $InstallDir) { Remove-Item -Recurse -Force -Path $InstallDir }

if ($Purge) {
  if (Test-Path $data) { Remove-Item -Recurse -Force -Path $data }
  Write-Host "$name removed, with $data"
} else {
  Write-Host "$name removed; $data (configuration, hooks, state, logs) is kept: uninstall.ps1 -Purge deletes it"
}
