<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- zh_CN for the core: errors, paths, settings, CLI. One file per area of the code. -->
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>interrupted</source><translation>已中断</translation></message>
<message><source>Cannot create the data directory {path}: {reason}</source><translation>无法创建数据目录 {path}：{reason}</translation></message>
<message><source>The data directory {path} does not exist.</source><translation>数据目录 {path} 不存在。</translation></message>
<message><source>The data directory {path} is not writable: {reason}</source><translation>数据目录 {path} 不可写：{reason}</translation></message>
<message><source>No station in {path}. Run: checkpoint-desk init --station NAME</source><translation>{path} 中没有卡点。请运行：checkpoint-desk init --station 名称</translation></message>
<message><source>{key}: {value!r} is not a valid value.</source><translation>{key}：{value!r} 不是有效的值。</translation></message>
<message><source>{key}: choose one of {choices}.</source><translation>{key}：请从 {choices} 中选择。</translation></message>
<message><source>{key}: at least {minimum}.</source><translation>{key}：不能小于 {minimum}。</translation></message>
<message><source>{key}: at most {maximum}.</source><translation>{key}：不能大于 {maximum}。</translation></message>
<message><source>Name of this checkpoint station</source><translation>本卡点名称</translation></message>
<message><source>Community or grid the station belongs to</source><translation>所属社区或网格</translation></message>
<message><source>Temperature (°C) at or above which a visitor is stopped</source><translation>体温达到或超过此值（℃）即拦截</translation></message>
<message><source>Days a nucleic-acid test result stays valid</source><translation>核酸检测结果有效天数</translation></message>
<message><source>Stop a visitor who shows no code at all</source><translation>未出示任何码的人员予以拦截</translation></message>
<message><source>Seconds during which the same code is not registered again</source><translation>同一码在此秒数内不重复登记</translation></message>
<message><source>Days synced visits are kept before they are purged</source><translation>已同步记录保留天数（到期清除）</translation></message>
<message><source>Minutes without input before the desk locks</source><translation>无操作多少分钟后锁屏</translation></message>
<message><source>Interface language (empty: the system's)</source><translation>界面语言（留空：跟随系统）</translation></message>
<message><source>Colour theme</source><translation>配色主题</translation></message>
<message><source>Font size factor</source><translation>字体放大倍数</translation></message>
<message><source>Camera index or device path (empty: the first one)</source><translation>摄像头编号或设备路径（留空：第一个）</translation></message>
<message><source>Folder for ledgers (empty: exports/ in the data directory)</source><translation>台账导出文件夹（留空：数据目录下的 exports/）</translation></message>
<message><source>Keep the raw text of scanned codes</source><translation>保存扫码原文</translation></message>
<message><source>Address of the community hub</source><translation>社区汇总服务器地址</translation></message>
<message><source>Play a sound on every scan</source><translation>每次扫码播放提示音</translation></message>
<message><source>The settings file {path} cannot be read: {reason}</source><translation>无法读取设置文件 {path}：{reason}</translation></message>
<message><source>Unknown setting: {key}</source><translation>未知设置项：{key}</translation></message>
<message><source>Cannot read the database {path}: {reason}</source><translation>无法读取数据库 {path}：{reason}</translation></message>
<message><source>{path} is not a Checkpoint Desk database (damaged or another file). Restore a backup from backups/ or move it away and run init.</source><translation>{path} 不是卡点登记台数据库（已损坏或是其他文件）。请从 backups/ 恢复备份，或将其移走后重新运行 init。</translation></message>
<message><source>The database {path} does not exist.</source><translation>数据库 {path} 不存在。</translation></message>
<message><source>The database {path} was made by a newer version of Checkpoint Desk (schema {revision}). Install the newer version to open it.</source><translation>数据库 {path} 由更新版本的卡点登记台创建（结构版本 {revision}）。请安装新版本后再打开。</translation></message>
<message><source>Cannot open the database {path}: {reason}. Run: checkpoint-desk db check</source><translation>无法打开数据库 {path}：{reason}。请运行：checkpoint-desk db check</translation></message>
<message><source>The station needs a name.</source><translation>卡点必须有名称。</translation></message>
<message><source>{path} already holds a station; nothing was changed.</source><translation>{path} 中已有卡点，未做任何更改。</translation></message>
<message><source>The database has no station. Run: checkpoint-desk init</source><translation>数据库中没有卡点。请运行：checkpoint-desk init</translation></message>
<message><source>Station {name} created in {path}</source><translation>已在 {path} 创建卡点 {name}</translation></message>
<message><source>No display found (DISPLAY is not set): the desk needs a screen. Run it on the laptop's desktop, or under Xvfb for testing.</source><translation>未找到显示器（未设置 DISPLAY）：登记台需要屏幕。请在笔记本桌面上运行，测试时可使用 Xvfb。</translation></message>
</context>
</TS>
