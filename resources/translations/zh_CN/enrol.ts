<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Cannot reach the hub at {url}: it does not answer ({reason}). Nothing was changed: check the address and the network, or leave the address empty to enrol for USB only.</source><translation>无法连接汇总端 {url}：它没有应答（{reason}）。未作任何更改：请检查地址和网络；只用 U 盘同步的卡点可不填地址。</translation></message>
<message><source>The hub does not know this code's token: it was replaced or removed at the office. Ask the office for a new enrolment code.</source><translation>汇总端不认识此接入码中的令牌：办公室已更换或删除了它。请向办公室索取新的接入码。</translation></message>
<message><source>This enrolment code was already used by another desk. Ask the office for a new code (Stations page: rotate the token).</source><translation>此接入码已被另一台登记台使用。请向办公室索取新的接入码（卡点页面：更换令牌）。</translation></message>
<message><source>The hub at {url} does not hold the keys in this code (fingerprint {fingerprint}): it is another hub, or the code is not its. Nothing was changed.</source><translation>汇总端 {url} 的密钥与此接入码不符（指纹 {fingerprint}）：这是另一个汇总端，或此码不属于它。未作任何更改。</translation></message>
<message><source>This enrolment code is cut short or damaged: scan it again, or copy the whole code from the office's Stations page.</source><translation>此接入码不完整或已损坏：请重新扫描，或从办公室的卡点页面复制完整的接入码。</translation></message>
<message><source>An enrolment code, not a visitor: press {key} to connect this desk to the hub.</source><translation>这是接入码，不是来访人员：按 {key} 把本登记台接入汇总端。</translation></message>
<message><source>The hub already has this desk under another station entry. The office rotates that station's token (Stations page) and gives this desk its code.</source><translation>汇总端已在另一个卡点条目下登记了本登记台。请办公室在“卡点”页面更换该卡点的令牌，并把它的接入码给本登记台。</translation></message>
<message><source>Connect to the hub</source><translation>连接汇总端</translation></message>
<message><source>Connect to the hub… ({key})</source><translation>连接汇总端… ({key})</translation></message>
<message><source>https://hub.example.org (empty: USB only)</source><translation>https://hub.example.org（不填：仅用 U 盘同步）</translation></message>
<message><source>CKE1.… (scan, paste or type)</source><translation>CKE1.…（扫描、粘贴或输入）</translation></message>
<message><source>Connect</source><translation>连接</translation></message>
<message><source>Scan the code on the office's Stations page with the scanner, or hold it to the camera; or paste it. A supervisor approves with their PIN.</source><translation>用扫码枪扫描办公室卡点页面上的接入码，或对准摄像头，也可粘贴。由负责人输入密码批准。</translation></message>
<message><source>Hub address</source><translation>汇总端地址</translation></message>
<message><source>Enrolment code</source><translation>接入码</translation></message>
<message><source>Close</source><translation>关闭</translation></message>
<message><source>That is not an enrolment code: scan the QR on the office's Stations page.</source><translation>这不是接入码：请扫描办公室卡点页面上的二维码。</translation></message>
<message><source>Enrolment code read. Now the supervisor's PIN.</source><translation>已读取接入码。请负责人输入密码。</translation></message>
<message><source>Scan or paste the enrolment code first.</source><translation>请先扫描或粘贴接入码。</translation></message>
<message><source>Connecting to the hub…</source><translation>正在连接汇总端…</translation></message>
<message><source>Enrolment failed: {reason}</source><translation>接入失败：{reason}</translation></message>
<message><source>Connected to {url}.</source><translation>已连接到 {url}。</translation></message>
<message><source>Enrolled for USB bundles (no hub address).</source><translation>已接入，用 U 盘同步（无汇总端地址）。</translation></message>
<message><source>Hub key fingerprint: {fingerprint} — the office reads it aloud to check.</source><translation>汇总端密钥指纹：{fingerprint}——请办公室念出核对。</translation></message>
</context>
</TS>
